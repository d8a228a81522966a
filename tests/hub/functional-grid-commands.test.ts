// Rev 1.8 on the hub: create/end decisions and each refusal (role, viewer, bad grid set, empty area,
// period, unknown units, overlap, scope), the version gate for older consoles, and the DDL.
import { describe, expect, it } from 'vitest'
import type { Caller } from '../../src-hub/answers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HUB_SCHEMA, migrateHub } from '../../src-hub/migrations'
import { SqliteDb } from '../../src-sqlite/sqlite-db'
import {
  decideFunctionalGridCreate,
  decideFunctionalGridEnd,
  speaksFunctionalGrids,
  type FunctionalGridEnv
} from '../../src-hub/functional-grid-commands'
import type { AreaGrid } from '../../src-shared/domain'
import type { FunctionalGrid, Role } from '../../src-shared/protocol'

const NOW = new Date('2026-12-05T02:00:00Z')
const hour = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const areaGrids: AreaGrid[] = [
  { code: '110101006001001', communityCode: '110101006001', streetCode: '110101006', point: { lng: 116.41, lat: 39.93 } },
  { code: '110101006001002', communityCode: '110101006001', streetCode: '110101006', point: { lng: 116.42, lat: 39.93 } },
  { code: '110101007001001', communityCode: '110101007001', streetCode: '110101007', point: { lng: 116.5, lat: 39.9 } }
]
const env = (existing: FunctionalGrid[] = []): FunctionalGridEnv => ({
  areaGrids,
  units: [
    { id: 'u-a', kind: 'grid_worker' },
    { id: 'u-b', kind: 'street_dept' },
    { id: 'd-1', kind: 'district_dept' }
  ],
  existing,
  now: NOW
})
function caller(role: Role, streets: '*' | string[] = '*'): Caller {
  return {
    consoleId: 'c', sessionId: 's',
    token: { token: 'tttttttttt', user: { id: `${role}-1`, name: role, role }, streets },
    scope: streets === '*' ? '*' : new Set(streets)
  }
}
const good = {
  name: '汛期专项', purpose: '防汛巡查',
  fromAt: iso(NOW.getTime()), toAt: iso(NOW.getTime() + 2 * hour),
  unitIds: ['u-a', 'u-b'], area: { communityCode: '110101006001' }
}
function created(): FunctionalGrid {
  const r = decideFunctionalGridCreate('fg-1', good, caller('lead'), env())
  if ('ok' in r) throw new Error(r.error.message)
  return { ...r, seq: 7 }
}
const errorOf = (r: object) => ('ok' in r ? (r as unknown as { error: { code: string; message: string } }).error : null)

describe('functionalGridCreate', () => {
  it('a lead creates one over a community: grids resolved, streets derived, creator recorded', () => {
    const fg = created()
    expect(fg.gridCodes).toEqual(['110101006001001', '110101006001002'])
    expect(fg.streetCodes).toEqual(['110101006'])
    expect(fg.createdBy.userId).toBe('lead-1')
    expect(fg.endedAt).toBeNull()
  })
  it.each(['viewer', 'dispatcher', 'unit', 'district'] as const)('a %s is refused forbidden', (role) => {
    expect(errorOf(decideFunctionalGridCreate('x', good, caller(role), env()))?.code).toBe('forbidden')
  })
  it.each([
    ['an unknown grid', { ...good, area: { gridCodes: ['110101006009999'] } }, /unknown grid/],
    ['an empty grid set', { ...good, area: { gridCodes: [] } }, /names no grid/],
    ['a community without grids', { ...good, area: { communityCode: '110101006099' } }, /no unit grids/],
    ['a polygon covering nothing', { ...good, area: { polygon: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } } }, /covers no unit grid/],
    ['to before from', { ...good, toAt: iso(NOW.getTime() - 1) }, /at or before/],
    ['a period in the past', { ...good, fromAt: iso(NOW.getTime() - 3 * hour), toAt: iso(NOW.getTime() - hour) }, /past/],
    ['an unknown unit', { ...good, unitIds: ['u-a', 'nobody'] }, /unknown unit.*nobody/],
    ['a district department', { ...good, unitIds: ['d-1'] }, /district department/],
    ['an empty team', { ...good, unitIds: [] }, /team names no unit/],
    ['a blank name', { ...good, name: '  ' }, /name/]
  ])('refuses %s as invalid with a clear message', (_what, payload, message) => {
    const e = errorOf(decideFunctionalGridCreate('x', payload, caller('lead'), env()))
    expect(e?.code).toBe('invalid')
    expect(e?.message).toMatch(message)
  })
  it('refuses an overlapping period on a shared grid as conflict, with the stored one', () => {
    const first = created()
    const r = decideFunctionalGridCreate('fg-2', { ...good, area: { gridCodes: ['110101006001002'] } }, caller('lead'), env([first]))
    expect(errorOf(r)?.code).toBe('conflict')
    expect((r as { error: { current?: FunctionalGrid } }).error.current?.id).toBe('fg-1')
    expect('ok' in decideFunctionalGridCreate('fg-3', { ...good, area: { streetCode: '110101007' } }, caller('lead'), env([first]))).toBe(false)
  })
  it('refuses an area outside the lead’s streets', () => {
    expect(errorOf(decideFunctionalGridCreate('x', { ...good, area: { streetCode: '110101007' } }, caller('lead', ['110101006']), env()))?.code).toBe('forbidden')
  })
})

describe('functionalGridEnd', () => {
  it('ends early: endedAt now, reason kept, version up', () => {
    const r = decideFunctionalGridEnd(created(), { reason: '雨停' }, caller('lead'), new Date(NOW.getTime() + hour))
    expect(errorOf(r)).toBeNull()
    expect(r).toMatchObject({ endedAt: iso(NOW.getTime() + hour), endReason: '雨停', version: 2 })
  })
  it('refuses a viewer, a missing one, a blank reason, and one already ended at its end time', () => {
    expect(errorOf(decideFunctionalGridEnd(created(), { reason: 'x' }, caller('viewer'), NOW))?.code).toBe('forbidden')
    expect(errorOf(decideFunctionalGridEnd(null, { reason: 'x' }, caller('lead'), NOW))?.code).toBe('not_found')
    expect(errorOf(decideFunctionalGridEnd(created(), { reason: ' ' }, caller('lead'), NOW))?.code).toBe('invalid')
    expect(errorOf(decideFunctionalGridEnd(created(), { reason: 'x' }, caller('lead'), new Date(NOW.getTime() + 2 * hour)))?.code).toBe('illegal_transition')
  })
})

describe('older consoles and storage', () => {
  it('only a console listing the functionalGrid feature speaks the new kind; an older one sends none', () => {
    expect(speaksFunctionalGrids(['functionalGrid'])).toBe(true)
    expect(speaksFunctionalGrids(['other', 'functionalGrid'])).toBe(true)
    expect(speaksFunctionalGrids(undefined)).toBe(false)
    expect(speaksFunctionalGrids([])).toBe(false)
    expect(speaksFunctionalGrids('functionalGrid')).toBe(false)
  })
  it('hub migration 002 makes the table; a second run changes nothing; a row is stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-fg-'))
    const db = await SqliteDb.open(join(dir, 'hub.sqlite'))
    try {
      expect(await migrateHub(db)).toEqual({ from: 0, to: HUB_SCHEMA, adopted: false })
      expect(HUB_SCHEMA).toBeGreaterThanOrEqual(2)
      expect(await migrateHub(db)).toEqual({ from: HUB_SCHEMA, to: HUB_SCHEMA, adopted: false })
      const fg = created()
      await db.exclusive((c) => c.run('INSERT INTO functional_grids (id, seq, version, from_at, to_at, ended_at, street_codes, data) VALUES (?,?,?,?,?,?,?,?)', [
        fg.id, fg.seq, fg.version, fg.fromAt, fg.toAt, null, JSON.stringify(fg.streetCodes), JSON.stringify(fg)
      ]))
      expect(await db.get('SELECT count(*) AS n FROM functional_grids')).toEqual({ n: 1 })
    } finally {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
