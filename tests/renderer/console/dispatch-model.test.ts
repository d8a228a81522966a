// The dispatch picker's pure logic and the escalation payload rules.
import { describe, expect, it } from 'vitest'
import {
  buildPickerRows,
  clampHighlight,
  dispatchRequest,
  filterRows,
  initialPicker,
  pickerReducer,
  type PickerState
} from '../../../src-renderer/console/panels/dispatch-model'
import { escalationPayload } from '../../../src-renderer/console/panels/EscalationPanel'
import { makeSummary, makeUnit } from '../fixtures'

const GRID = '110101001001007'
const incident = makeSummary({ id: 'a', version: 5, categoryCode: '0102', gridCode: GRID })
const units = [
  makeUnit({ id: 'u-b', name: '乙环卫所', kind: 'street_dept', categories: ['0102'] }),
  makeUnit({ id: 'u-worker', name: '张网格', kind: 'grid_worker', gridCodes: [GRID], categories: [] }),
  makeUnit({ id: 'u-other-street', name: '外街道执法队', kind: 'street_dept', streetCode: '110101002', categories: [] }),
  makeUnit({ id: 'u-district', name: '区卫健委', kind: 'district_dept', streetCode: null, categories: ['0102'] })
]

describe('buildPickerRows', () => {
  it('puts suggestions first with their reasons and never offers district departments', () => {
    const rows = buildPickerRows(incident, units, [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-b'] }])
    expect(rows.map((r) => [r.unit.id, r.suggested])).toEqual([
      ['u-b', true],
      ['u-worker', true],
      // Not suggested (another street) but still reachable by typing.
      ['u-other-street', false]
    ])
    expect(rows[0]?.reasons).toContain('matrix')
    expect(rows[1]?.reasons).toContain('grid_worker')
  })
})

describe('filterRows', () => {
  const rows = buildPickerRows(incident, units, [])
  it('matches the Chinese name, the id (any case) and the kind label in either language', () => {
    expect(filterRows(rows, '环卫').map((r) => r.unit.id)).toEqual(['u-b'])
    expect(filterRows(rows, 'U-WORK').map((r) => r.unit.id)).toEqual(['u-worker'])
    expect(filterRows(rows, '网格员').map((r) => r.unit.id)).toEqual(['u-worker'])
    expect(filterRows(rows, 'street dep').map((r) => r.unit.id).sort()).toEqual(['u-b', 'u-other-street'])
    expect(filterRows(rows, '   ')).toHaveLength(rows.length)
    expect(filterRows(rows, '不存在')).toEqual([])
  })
})

describe('pickerReducer and dispatchRequest', () => {
  const rows = buildPickerRows(incident, units, [])
  const run = (...actions: Parameters<typeof pickerReducer>[1][]): PickerState => actions.reduce(pickerReducer, initialPicker)

  it('keeps the highlight inside the list', () => {
    const s = run({ type: 'move', by: 10, rowCount: rows.length }, { type: 'move', by: -1, rowCount: rows.length })
    expect(s.highlight).toBe(rows.length - 2)
    expect(run({ type: 'move', by: -3, rowCount: rows.length }).highlight).toBe(0)
    expect(clampHighlight({ ...initialPicker, highlight: 7 }, 2)).toBe(1)
    expect(clampHighlight(initialPicker, 0)).toBe(-1)
  })

  it('sends the chosen units in the order chosen, on the case version', () => {
    const s = run({ type: 'move', by: 1, rowCount: 3 }, { type: 'toggle', rows }, { type: 'move', by: -1, rowCount: 3 }, { type: 'toggle', rows })
    expect(dispatchRequest(s, rows, incident)).toEqual({
      type: 'dispatch',
      incidentId: 'a',
      expectedVersion: 5,
      payload: { unitIds: [rows[1]?.unit.id, rows[0]?.unit.id] }
    })
  })

  it('sends the highlighted unit when none was added, and nothing when the list is empty', () => {
    expect(dispatchRequest(initialPicker, rows, incident)?.payload).toEqual({ unitIds: [rows[0]?.unit.id] })
    expect(dispatchRequest(initialPicker, [], incident)).toBeNull()
  })

  it('a new query resets the highlight', () => {
    const s = run({ type: 'move', by: 2, rowCount: 3 }, { type: 'query', query: '张' })
    expect(s.highlight).toBe(0)
  })
})

describe('escalationPayload', () => {
  it('needs a reason code and a non-blank reason, and trims it', () => {
    expect(escalationPayload({ level: 'city', reasonCode: null, reason: 'x', targetUnitId: '' })).toEqual({
      ok: false,
      error: 'escalate.chooseReason'
    })
    expect(escalationPayload({ level: 'city', reasonCode: 'major', reason: '   ', targetUnitId: '' })).toEqual({
      ok: false,
      error: 'panel.textRequired'
    })
    expect(escalationPayload({ level: 'city', reasonCode: 'major', reason: ' 群体性事件 ', targetUnitId: '' })).toEqual({
      ok: true,
      payload: { level: 'city', reasonCode: 'major', reason: '群体性事件' }
    })
  })
})

describe('buildPickerRows order of the rest', () => {
  it('lists departments, then communities, then grid workers, each by name', () => {
    const rest = [
      makeUnit({ id: 'w', name: '王网格', kind: 'grid_worker', streetCode: '110101002', gridCodes: [] }),
      makeUnit({ id: 'c', name: '某社区居委会', kind: 'community', streetCode: '110101002' }),
      makeUnit({ id: 'd', name: '某执法队', kind: 'street_dept', streetCode: '110101002' })
    ]
    expect(buildPickerRows(incident, rest, []).map((r) => r.unit.id)).toEqual(['d', 'c', 'w'])
  })
})
