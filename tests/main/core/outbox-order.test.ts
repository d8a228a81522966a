import { describe, expect, it } from 'vitest'
import { entityKeys, pickSendable } from '../../../src-main/core/outbox-order'
import type { Command } from '../../../src-shared/protocol'

let n = 0
function cmd(extra: Partial<Command> & Pick<Command, 'type'>): Command {
  n += 1
  return {
    commandId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    payload: {},
    issuedAt: '2026-11-22T02:00:00.000Z',
    ...extra
  } as Command
}
const entry = (command: Command, state = 'queued') => ({ command, state })

describe('entityKeys', () => {
  it('names the case, the merge target and the handover; a report names nothing', () => {
    expect(entityKeys(cmd({ type: 'note', incidentId: 'a' }))).toEqual(['incident:a'])
    expect(entityKeys(cmd({ type: 'merge', incidentId: 'a', payload: { intoIncidentId: 'b' } }))).toEqual(['incident:a', 'incident:b'])
    expect(entityKeys(cmd({ type: 'handover.acknowledge', handoverId: 'h' }))).toEqual(['handover:h'])
    expect(entityKeys(cmd({ type: 'report' }))).toEqual([])
  })

  it('names the functional grid an end acts on; a create names none yet (rev 1.8)', () => {
    expect(entityKeys(cmd({ type: 'functionalGrid.end', functionalGridId: 'fg-1', payload: { reason: 'x' } }))).toEqual(['functionalGrid:fg-1'])
    expect(entityKeys(cmd({ type: 'functionalGrid.create' }))).toEqual([])
  })
})

describe('pickSendable', () => {
  it('takes queue order, one per case, up to the room left', () => {
    const list = [
      entry(cmd({ type: 'note', incidentId: 'a' })),
      entry(cmd({ type: 'note', incidentId: 'a' })),
      entry(cmd({ type: 'note', incidentId: 'b' })),
      entry(cmd({ type: 'report' })),
      entry(cmd({ type: 'report' })),
      entry(cmd({ type: 'note', incidentId: 'c' }))
    ]
    const ids = (picked: typeof list) => picked.map((e) => list.indexOf(e))
    expect(ids(pickSendable(list, new Set(), 10))).toEqual([0, 2, 3, 4, 5])
    expect(ids(pickSendable(list, new Set(), 2))).toEqual([0, 2])
    expect(pickSendable(list, new Set(), 0)).toEqual([])
  })

  it('a command in flight blocks its case but is not picked again', () => {
    const list = [entry(cmd({ type: 'note', incidentId: 'a' }), 'sending'), entry(cmd({ type: 'note', incidentId: 'a' })), entry(cmd({ type: 'note', incidentId: 'b' }))]
    const flying = new Set([list[0]?.command.commandId ?? ''])
    expect(pickSendable(list, flying, 10)).toEqual([list[2]])
    // After a restart nothing is in flight: the 'sending' one is resent first.
    expect(pickSendable(list, new Set(), 10)).toEqual([list[0], list[2]])
  })

  it('a held command blocks nothing; a merge waits for both cases', () => {
    const list = [
      entry(cmd({ type: 'note', incidentId: 'a' }), 'failed'),
      entry(cmd({ type: 'note', incidentId: 'a' })),
      entry(cmd({ type: 'note', incidentId: 'b' })),
      entry(cmd({ type: 'merge', incidentId: 'c', payload: { intoIncidentId: 'b' } })),
      entry(cmd({ type: 'note', incidentId: 'c' }))
    ]
    expect(pickSendable(list, new Set(), 10)).toEqual([list[1], list[2]])
  })
})
