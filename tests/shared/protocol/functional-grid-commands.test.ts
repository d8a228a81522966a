// Rev 1.8 on the wire: the two functional-grid commands in the envelope and in the console's request,
// who may issue them, and a functional-grid change parsed like any other kind.
import { describe, expect, it } from 'vitest'
import { CommandRequest } from '../../../src-shared/api'
import { roleMayIssue } from '../../../src-shared/domain'
import { isIncidentCommandType } from '../../../src-shared/domain/transitions'
import { Command, isFunctionalGridCommand, isIncidentCommand, parseChange, Role } from '../../../src-shared/protocol'
import { makeFunctionalGrid } from '../../fixtures/entities'

const create = {
  name: '汛期专项',
  purpose: '防汛巡查',
  fromAt: '2026-12-05T00:00:00.000Z',
  toAt: '2026-12-06T00:00:00.000Z',
  unitIds: ['u-1'],
  area: { communityCode: '110101001001' }
}
const envelope = (extra: Record<string, unknown>) => ({
  commandId: '00000000-0000-4000-8000-000000000001',
  issuedAt: '2026-12-05T00:00:00.000Z',
  ...extra
})

describe('functional-grid commands (rev 1.8)', () => {
  it('create needs no incident; end needs functionalGridId, in the envelope and in the request', () => {
    expect(Command.safeParse(envelope({ type: 'functionalGrid.create', payload: create })).success).toBe(true)
    expect(Command.safeParse(envelope({ type: 'functionalGrid.end', functionalGridId: 'fg-1', payload: { reason: '解除' } })).success).toBe(true)
    const noId = Command.safeParse(envelope({ type: 'functionalGrid.end', payload: { reason: '解除' } }))
    expect(noId.success).toBe(false)
    expect(noId.error?.issues.map((i) => i.message)).toContain('functionalGrid.end needs functionalGridId')
    expect(CommandRequest.safeParse({ type: 'functionalGrid.end', payload: { reason: '解除' } }).error?.issues[0]?.path).toEqual(['functionalGridId'])
    expect(CommandRequest.safeParse({ type: 'functionalGrid.end', functionalGridId: 'fg-1', payload: { reason: '解除' } }).success).toBe(true)
  })

  it('checks the payload: an empty team, a blank name or an area of no kind is refused with its path', () => {
    const bad = Command.safeParse(envelope({ type: 'functionalGrid.create', payload: { ...create, name: ' ', unitIds: [], area: {} } }))
    expect(bad.success).toBe(false)
    const paths = bad.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['payload.name', 'payload.unitIds', 'payload.area']))
  })

  it('are neither incident commands nor issued by anyone but a lead or admin', () => {
    for (const type of ['functionalGrid.create', 'functionalGrid.end'] as const) {
      expect(isFunctionalGridCommand(type)).toBe(true)
      expect(isIncidentCommand(type)).toBe(false)
      expect(isIncidentCommandType(type)).toBe(false)
      const allowed = Role.options.filter((r) => roleMayIssue(r, type))
      expect(allowed.sort()).toEqual(['admin', 'lead'])
    }
    expect(isFunctionalGridCommand('handover.submit')).toBe(false)
  })

  it('a functionalGrid change parses; one whose id differs from its data is refused', () => {
    const fg = makeFunctionalGrid({ id: 'fg-9', version: 3, seq: 12 })
    expect(parseChange({ seq: 12, entity: 'functionalGrid', id: 'fg-9', version: 3, data: fg }).ok).toBe(true)
    expect(parseChange({ seq: 12, entity: 'functionalGrid', id: 'fg-9', version: 3, data: null }).ok).toBe(true)
    const wrong = parseChange({ seq: 12, entity: 'functionalGrid', id: 'fg-8', version: 3, data: fg })
    expect(wrong.ok).toBe(false)
  })
})
