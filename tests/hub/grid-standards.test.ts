// Protocol rev 1.6 on the hub: the reference carries grid types, standards and the 权责清单; a dispatch
// deadline follows the grid type's factor; an outside-the-list dispatch to a grid worker (or a committee)
// without a reason is refused `invalid` — also from an older console that cannot send one — and with a
// reason the case records it as its own field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Incident, ReferenceData } from '../../src-shared/protocol'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH, startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'
import { WORKER } from './support/drive'

let t: TestHub
let dispatcher: TestConsole

/** The fixture reference with rev 1.6 data: grid 001 is a business grid (×0.75), 0505 is outside the list for grids. */
function rev17Reference(): string {
  const ref = JSON.parse(readFileSync(FIXTURE_REFERENCE_PATH, 'utf8'))
  ref.version = 'fixture-1.7'
  ref.grids.features[0].properties = { ...ref.grids.features[0].properties, gridType: 'business', households: 120, population: 200, areaM2: 9000 }
  ref.gridStandards = [{ gridType: 'business', patrolsPerDay: 2, limitFactor: 0.75, householdsPerWorker: 600 }]
  ref.dutyList = ref.categories.map((c: { code: string }) => ({
    categoryCode: c.code,
    grid_worker: c.code === '0505' ? 'outside' : 'assist',
    community: c.code === '0505' ? 'outside' : 'assist',
    street_dept: 'duty',
    district_dept: 'duty'
  }))
  ReferenceData.parse(ref)
  const path = join(mkdtempSync(join(tmpdir(), 'gcc-rev17-')), 'reference.json')
  writeFileSync(path, JSON.stringify(ref))
  return path
}

beforeAll(async () => {
  t = await startTestHub({ reference: { referencePath: rev17Reference(), unitsPath: FIXTURE_UNITS_PATH } })
  dispatcher = await connectConsole(t.url, t.tokens.dispatcher)
})
afterAll(async () => {
  dispatcher.close()
  await t.stop()
})

async function acceptedCase(categoryCode: string, gridCode = '110101001001001'): Promise<Incident> {
  const reported = await dispatcher.command('report', {}, {
    draft: { categoryCode, urgency: 'normal', source: 'hotline', title: '测试', description: '', address: 'x', location: { lng: 116.4, lat: 39.9 }, gridCode }
  })
  if (!reported.ok) throw new Error(reported.error.message)
  const created = Incident.parse(reported.entity)
  const accepted = await dispatcher.command('accept', { incidentId: created.id, expectedVersion: created.version }, {})
  if (!accepted.ok) throw new Error(accepted.error.message)
  return Incident.parse(accepted.entity)
}

describe('rev 1.6 reference', () => {
  it('serves the grid type, the standards and the list', async () => {
    const answer = await dispatcher.request<{ ok: boolean } & ReferenceData>('reference', { have: null })
    expect(answer.ok).toBe(true)
    const ref = ReferenceData.parse(answer)
    expect(ref.grids.features[0]?.properties.gridType).toBe('business')
    expect(ref.gridStandards).toHaveLength(1)
    expect(ref.dutyList?.find((r) => r.categoryCode === '0505')?.grid_worker).toBe('outside')
  })
})

describe('outside-the-list dispatch', () => {
  it('is refused without a reason, the case unchanged (an older console sends none and is refused alike)', async () => {
    const c = await acceptedCase('0505')
    const answer = await dispatcher.command('dispatch', { incidentId: c.id, expectedVersion: c.version }, { unitIds: [WORKER] })
    if (answer.ok) throw new Error('expected a refusal')
    expect(answer.error.code).toBe('invalid')
    expect(answer.error.message).toMatch(/outside the responsibility list \(权责清单\).*u-gw-110101001001001.*protocol 1\.6/)
    expect(await t.hub.store.getIncident(c.id)).toEqual(c)
  })

  it('is refused with a malformed reason (blank text, unknown code)', async () => {
    const c = await acceptedCase('0505')
    for (const outsideList of [
      { reasonCode: 'superior_order', orderedBy: '区城管委', reason: '   ' },
      { reasonCode: 'because', orderedBy: '区城管委', reason: '交办' },
      { reasonCode: 'other', orderedBy: '', reason: '交办' }
    ]) {
      const answer = await dispatcher.command('dispatch', { incidentId: c.id, expectedVersion: c.version }, { unitIds: [WORKER], outsideList })
      expect(answer.ok ? 'ok' : answer.error.code).toBe('invalid')
    }
  })

  it('with a reason goes through and the case records it as its own field', async () => {
    const c = await acceptedCase('0505')
    const outsideList = { reasonCode: 'superior_order', orderedBy: '区城管委', reason: '专项整治期间交办' }
    const answer = await dispatcher.command('dispatch', { incidentId: c.id, expectedVersion: c.version }, { unitIds: ['u-san-110101001', WORKER], outsideList })
    if (!answer.ok) throw new Error(answer.error.message)
    const stored = Incident.parse(await t.hub.store.getIncident(c.id))
    expect(stored.outsideList).toMatchObject({ ...outsideList, unitIds: [WORKER], categoryCode: '0505', by: { id: 'user-dispatcher', role: 'dispatcher' } })
    expect(stored.timeline.at(-1)?.note).toContain('清单外派遣 [superior_order] 区城管委: 专项整治期间交办')
  })

  it('within the list needs no reason and records nothing', async () => {
    const c = await acceptedCase('0102')
    const answer = await dispatcher.command('dispatch', { incidentId: c.id, expectedVersion: c.version }, { unitIds: [WORKER] })
    if (!answer.ok) throw new Error(answer.error.message)
    expect(Incident.parse(answer.entity).outsideList).toBeUndefined()
  })
})

describe('time limit by grid type', () => {
  it('a business grid gets 0.75 of the category limit; a grid without a type the whole limit', async () => {
    const business = await acceptedCase('0102', '110101001001001')
    const plain = await acceptedCase('0102', '110101001001002')
    const a = await dispatcher.command('dispatch', { incidentId: business.id, expectedVersion: business.version }, { unitIds: [WORKER] })
    const b = await dispatcher.command('dispatch', { incidentId: plain.id, expectedVersion: plain.version }, { unitIds: ['u-gw-110101001001002'] })
    if (!a.ok || !b.ok) throw new Error('dispatch failed')
    const cal = ReferenceData.parse(JSON.parse(readFileSync(FIXTURE_REFERENCE_PATH, 'utf8'))).calendar
    const { computeDeadline, gridDeadline } = await import('../../src-shared/domain')
    const cat = { limit: { value: 4, unit: 'working_hours' as const } }
    const da = Incident.parse(a.entity)
    const at = new Date(da.timeline.at(-1)?.at ?? '')
    expect(da.deadlineAt).toBe(gridDeadline(cat, 0.75, 'normal', at, cal).toISOString())
    const db = Incident.parse(b.entity)
    expect(db.deadlineAt).toBe(computeDeadline(cat, 'normal', new Date(db.timeline.at(-1)?.at ?? ''), cal).toISOString())
    expect(Date.parse(da.deadlineAt ?? '') - at.getTime()).toBeLessThan(Date.parse(db.deadlineAt ?? '') - Date.parse(db.timeline.at(-1)?.at ?? ''))
  })
})
