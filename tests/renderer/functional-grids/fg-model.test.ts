// The functional-grid panel's rules without React (rev 1.8): the feature gate and who may change
// anything (both the domain's), the list order by state, typed grid codes, GeoJSON polygon files
// (good ones taken, bad ones refused with a readable reason), and the store's delta handling.
import { describe, expect, it } from 'vitest'
import { areaGridsOf, buildCreate, functionalGridGate, functionalGridRows, parsePolygonFile, typedCodes, type FgForm } from '../../../src-renderer/functional-grids/fg-model'
import { defaultForm } from '../../../src-renderer/functional-grids/fg-pickers'
import { applyFunctionalGridDeltas, functionalGridsOf } from '../../../src-renderer/state/functional-grids'
import { makeStatus } from '../fixtures'
import { A1, A2, B1, fgReference, makeFunctionalGrid } from './fixtures'

const NOW = Date.parse('2026-12-05T06:00:00.000Z')

describe('gate', () => {
  it('asks the domain: no welcome yet, an older hub, then the role table and the access', () => {
    expect(functionalGridGate(null)).toEqual({ kind: 'unavailable', why: 'no_hub' })
    expect(functionalGridGate(makeStatus({ hubFeatures: undefined, lastContactAt: null }))).toEqual({ kind: 'unavailable', why: 'no_hub' })
    expect(functionalGridGate(makeStatus({ hubFeatures: undefined }))).toEqual({ kind: 'unavailable', why: 'hub_predates_1_8' })
    expect(functionalGridGate(makeStatus({ hubFeatures: ['functionalGrid'], user: { id: 'l', name: 'L', role: 'lead' } }))).toEqual({ kind: 'ok', mayEdit: true, readOnlyWhy: null })
    expect(functionalGridGate(makeStatus({ hubFeatures: ['functionalGrid'], user: { id: 'a', name: 'A', role: 'admin' } }))).toMatchObject({ mayEdit: true })
    expect(functionalGridGate(makeStatus({ hubFeatures: ['functionalGrid'] }))).toEqual({ kind: 'ok', mayEdit: false, readOnlyWhy: 'fg.leadsOnly' })
    expect(functionalGridGate(makeStatus({ hubFeatures: ['functionalGrid'], access: 'viewer', user: { id: 'l', name: 'L', role: 'lead' } }))).toEqual({ kind: 'ok', mayEdit: false, readOnlyWhy: 'fg.readOnly' })
  })
})

describe('list and form', () => {
  it('orders active, then planned soonest first, then ended latest first', () => {
    const h = 3_600_000
    const fg = (id: string, from: number, to: number) => makeFunctionalGrid({ id, fromAt: new Date(NOW + from * h).toISOString(), toAt: new Date(NOW + to * h).toISOString() })
    const rows = functionalGridRows([fg('e1', -10, -8), fg('p2', 5, 6), fg('a', -1, 1), fg('p1', 2, 3), fg('e2', -5, -4)], NOW)
    expect(rows.map((r) => `${r.fg.id}:${r.state}`)).toEqual(['a:active', 'p1:planned', 'p2:planned', 'e2:ended', 'e1:ended'])
  })

  it('reads typed grid codes split by spaces, commas (either width) and new lines, once each', () => {
    expect(typedCodes(` ${A1}，${A2}\n${A1} ,${B1};`)).toEqual([A1, A2, B1])
    expect(typedCodes('  ')).toEqual([])
  })

  it('builds the payload from typed codes and refuses unknown ones by name', () => {
    const grids = areaGridsOf(fgReference())
    const base: FgForm = { ...defaultForm(NOW, 480), name: ' 防汛 ', purpose: '巡查', unitIds: ['u-sq'], areaKind: 'codes', codes: `${A1} ${A2}` }
    const ctx = { nowMs: NOW, offsetMinutes: 480, grids, existing: [], format: (iso: string) => iso }
    const built = buildCreate(base, ctx)
    expect(built).toMatchObject({ ok: true, payload: { name: '防汛', area: { gridCodes: [A1, A2] } }, gridCodes: [A1, A2] })
    expect(buildCreate({ ...base, codes: `${A1} 110101001009009` }, ctx)).toEqual({ ok: false, error: { key: 'fg.error.unknownCodes', vars: { codes: '110101001009009' } } })
    expect(buildCreate({ ...base, name: '  ' }, ctx)).toEqual({ ok: false, error: { key: 'fg.error.name', vars: undefined } })
    const long = { ...base, to: '2028-01-01 00:00' }
    expect(buildCreate(long, ctx)).toMatchObject({ ok: false, error: { key: 'fg.error.long' } })
  })

  it('takes a GeoJSON polygon (bare, Feature or FeatureCollection) and refuses a bad file with a readable reason', () => {
    const ring: [number, number][] = [[116.4007, 39.8995], [116.4027, 39.8995], [116.4027, 39.9015], [116.4007, 39.9015], [116.4007, 39.8995]]
    const polygon = { type: 'Polygon', coordinates: [ring] }
    expect(parsePolygonFile(JSON.stringify(polygon))).toEqual({ ok: true, polygon })
    expect(parsePolygonFile(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ ok: true, polygon })
    const two = parsePolygonFile(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }, { type: 'Feature', geometry: polygon }] }))
    expect(two.ok && two.polygon.type).toBe('MultiPolygon')
    const notJson = parsePolygonFile('{oops')
    expect(notJson.ok).toBe(false)
    const point = parsePolygonFile(JSON.stringify({ type: 'Point', coordinates: [116.4, 39.9] }))
    expect(point.ok).toBe(false)
    expect(!point.ok && point.detail.length).toBeGreaterThan(0)
    // A polygon over the interior points of A2 and B1 covers exactly those.
    const grids = areaGridsOf(fgReference())
    const form: FgForm = { ...defaultForm(NOW, 480), name: 'x', purpose: 'y', unitIds: ['u-sq'], areaKind: 'polygon', polygon: polygon as never }
    expect(buildCreate(form, { nowMs: NOW, offsetMinutes: 480, grids, existing: [], format: (s) => s })).toMatchObject({ ok: true, gridCodes: [A2, B1] })
    const far = { type: 'Polygon' as const, coordinates: [[[100, 30], [100.1, 30], [100.1, 30.1], [100, 30.1], [100, 30]]] as [number, number][][] }
    expect(buildCreate({ ...form, polygon: far }, { nowMs: NOW, offsetMinutes: 480, grids, existing: [], format: (s) => s })).toMatchObject({ ok: false, error: { key: 'fg.error.fileNone' } })
  })
})

describe('store', () => {
  it('takes the snapshot (none from an older hub) and applies deltas by version', () => {
    expect(functionalGridsOf({}).size).toBe(0)
    const v1 = makeFunctionalGrid()
    const held = functionalGridsOf({ functionalGrids: [v1] })
    expect(applyFunctionalGridDeltas(held, [{}, { functionalGrids: [], removedFunctionalGridIds: [] }])).toBeNull()
    const v2 = { ...v1, version: 2, endedAt: new Date(NOW).toISOString(), endReason: 'done' }
    const next = applyFunctionalGridDeltas(held, [{ functionalGrids: [v2] }, { functionalGrids: [v1] }])
    expect(next?.get(v1.id)?.version).toBe(2)
    expect(held.get(v1.id)?.version).toBe(1)
    expect(applyFunctionalGridDeltas(held, [{ removedFunctionalGridIds: [v1.id] }])?.size).toBe(0)
  })
})
