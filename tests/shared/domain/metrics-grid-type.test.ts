// Figures by grid type (issue 14 item 1): the hand-computed week grouped by the type of each case's unit
// grid, from the reference's grids. A partition like street or grid: the rows add up to the total, each
// row equals the figures of its cases alone, drill-down lists exactly the cases behind each count, and a
// grid without a type (or without a reference) falls in the `untyped` row.
import { describe, expect, it } from 'vitest'
import {
  casesBehind,
  DIMENSIONS,
  figuresTable,
  gridTypeLookup,
  periodOfDays,
  UNTYPED_GRID,
  type FigureCounts,
  type FigureRow
} from '../../../src-shared/domain'
import type { AreaGeometry, GridFeature, GridType } from '../../../src-shared/protocol'
import { NOW, WEEK, X, Y, Z } from './metrics-timeline'

const OFFSET = 480
const period = periodOfDays('2026-11-26', '2026-11-30', OFFSET)
const SQUARE: AreaGeometry = { type: 'Polygon', coordinates: [[[116.41, 39.93], [116.42, 39.93], [116.42, 39.94], [116.41, 39.93]]] }
const grid = (code: string, gridType?: GridType): GridFeature => ({
  type: 'Feature',
  properties: { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null, ...(gridType ? { gridType } : {}) },
  geometry: SQUARE
})
// X and Z old residential, Y business; another grid's type must not leak in.
const reference = { grids: { type: 'FeatureCollection' as const, features: [grid(X, 'old_residential'), grid(Y, 'business'), grid(Z, 'old_residential'), grid('110101009001001', 'public')] } }
const gridTypeOf = gridTypeLookup(reference)
const opts = { nowMs: NOW, offsetMinutes: OFFSET, gridTypeOf }
const SUMMABLE = ['received', 'accepted', 'dispatched', 'closed', 'closedOnTime', 'dueToClose', 'reworked', 'extended', 'urged', 'returns', 'escalated', 'overdueNow'] as const
const sum = (rows: FigureRow[], k: keyof FigureCounts): number => rows.reduce((n, r) => n + Number(r.counts[k] ?? 0), 0)

describe('figures by grid type', () => {
  it('is a dimension of the table (the view’s digit 7, the CLI’s --by gridType)', () => {
    expect(DIMENSIONS.indexOf('gridType')).toBe(6)
  })

  it('looks a grid’s type up in the reference; none for an unknown or untyped grid', () => {
    expect(gridTypeOf(X)).toBe('old_residential')
    expect(gridTypeOf(Y)).toBe('business')
    expect(gridTypeLookup({ grids: { type: 'FeatureCollection', features: [grid(X)] } })(X)).toBeUndefined()
    expect(gridTypeLookup(null)(X)).toBeUndefined()
  })

  it('rows are the types of the cases’ grids, and they add up to the total', () => {
    const table = figuresTable(WEEK, period, 'gridType', opts)
    expect(table.rowsOverlap).toBe(false)
    expect(table.rows.map((r) => r.key)).toEqual(['business', 'old_residential'])
    for (const k of SUMMABLE) expect(sum(table.rows, k), k).toBe(table.total.counts[k])
  })

  it('each row is the figures of its cases alone (the same rule as by grid)', () => {
    const table = figuresTable(WEEK, period, 'gridType', opts)
    const byGrid = figuresTable(WEEK, period, 'grid', opts)
    const business = table.rows.find((r) => r.key === 'business')
    expect(business?.counts).toEqual(byGrid.rows.find((r) => r.key === Y)?.counts)
    const old = table.rows.find((r) => r.key === 'old_residential')
    const only = figuresTable(WEEK.filter((c) => c.gridCode === X || c.gridCode === Z), period, 'street', opts).total
    expect(old?.counts).toEqual(only.counts)
    expect(old?.rates).toEqual(only.rates)
  })

  it('every count of every row has exactly that many cases behind it', () => {
    const table = figuresTable(WEEK, period, 'gridType', opts)
    for (const r of table.rows) {
      for (const k of ['received', 'closed', 'closedOnTime', 'dueToClose', 'overdueNow'] as const) {
        const ids = casesBehind(WEEK, period, 'gridType', r.key, k, opts)
        expect(ids, `${r.key}/${k}`).toHaveLength(r.counts[k])
        for (const id of ids) expect(gridTypeOf(WEEK.find((c) => c.id === id)?.gridCode ?? '')).toBe(r.key)
      }
    }
  })

  it('without a typed grid every case is in the untyped row', () => {
    const table = figuresTable(WEEK, period, 'gridType', { nowMs: NOW, offsetMinutes: OFFSET })
    expect(table.rows.map((r) => r.key)).toEqual([UNTYPED_GRID])
    expect(table.rows[0]?.counts).toEqual(table.total.counts)
    const partly = figuresTable(WEEK, period, 'gridType', { ...opts, gridTypeOf: (code: string) => (code === Y ? 'business' : undefined) })
    expect(partly.rows.map((r) => r.key)).toEqual(['business', UNTYPED_GRID])
  })
})
