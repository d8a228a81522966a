// @vitest-environment jsdom
// The dispatch picker across streets (issue 16): the case's street first, other streets grouped and
// marked, a unit of another street only after a confirm, filtering by pinyin and initials, and the
// first chosen unit shown as 主办, the others as 协办.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import {
  buildPickerRows,
  filterRows,
  initialPicker,
  pickerReducer,
  roleOf,
  startsGroup,
  unconfirmedTarget
} from '../../../src-renderer/console/panels/dispatch-model'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import type { Street } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeSummary, makeUnit, resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const QIANMEN = '110101001'
const ANDINGMEN = '110101002'
const DONGHUAMEN = '110101003'
const GRID = `${QIANMEN}001007`
const ring: [number, number][] = [[116.4, 39.9], [116.41, 39.9], [116.41, 39.91], [116.4, 39.9]]
const polygon: Street['polygon'] = { type: 'Polygon', coordinates: [ring] }
const streets: Street[] = [
  { code: QIANMEN, name: '前门街道', polygon },
  { code: ANDINGMEN, name: '安定门街道', polygon },
  { code: DONGHUAMEN, name: '东华门街道', polygon }
]
const units = [
  makeUnit({ id: 'qm-cg', name: '前门城管执法队', kind: 'street_dept', streetCode: QIANMEN, categories: [] }),
  makeUnit({ id: 'qm-sq', name: '草厂社区居委会', kind: 'community', streetCode: QIANMEN, categories: [] }),
  makeUnit({ id: 'adm-cg', name: '安定门城管执法队', kind: 'street_dept', streetCode: ANDINGMEN, categories: [] }),
  makeUnit({ id: 'dhm-cg', name: '东华门城管执法队', kind: 'street_dept', streetCode: DONGHUAMEN, categories: [] }),
  makeUnit({ id: 'dhm-w', name: '王网格', kind: 'grid_worker', streetCode: DONGHUAMEN, gridCodes: [], categories: [] })
]
const incident = makeSummary({ id: 'a', version: 3, status: 'accepted', categoryCode: '0102', gridCode: GRID })
const streetName = (code: string) => streets.find((s) => s.code === code)?.name ?? null

describe('picker rows by street', () => {
  const rows = buildPickerRows(incident, units, [], [DONGHUAMEN, ANDINGMEN, QIANMEN])

  it("lists the suggestions, then the case's street, then the other streets street by street (reference order), marked", () => {
    // Suggestions take at most 5 of the case's own street; the rest of that street follows them.
    const workers = Array.from({ length: 5 }, (_, i) =>
      makeUnit({ id: `qm-w${i}`, name: `前门网格员${i}`, kind: 'grid_worker', streetCode: QIANMEN, gridCodes: [], categories: [], openCount: 9 })
    )
    const all = buildPickerRows(incident, [...units, ...workers], [], [DONGHUAMEN, ANDINGMEN, QIANMEN])
    expect(all.map((r) => [r.unit.id, r.group, r.crossStreet])).toEqual([
      ['qm-cg', 'suggested', false],
      ['qm-sq', 'suggested', false],
      ['qm-w0', 'suggested', false],
      ['qm-w1', 'suggested', false],
      ['qm-w2', 'suggested', false],
      ['qm-w3', 'street', false],
      ['qm-w4', 'street', false],
      ['dhm-cg', 'other', true],
      ['dhm-w', 'other', true],
      ['adm-cg', 'other', true]
    ])
    // A heading above each group, and above each other street.
    expect(all.map((_, i) => startsGroup(all, i))).toEqual([true, false, false, false, false, true, false, true, false, true])
    expect(rows.filter((r) => r.crossStreet).map((r) => r.unit.id)).toEqual(['dhm-cg', 'dhm-w', 'adm-cg'])
  })

  it('filters by Chinese, full pinyin, initials and the street name, keeping the list order', () => {
    const ids = (q: string) => filterRows(rows, q, streetName).map((r) => r.unit.id)
    expect(ids('城管')).toEqual(['qm-cg', 'dhm-cg', 'adm-cg'])
    expect(ids('chengguan')).toEqual(['qm-cg', 'dhm-cg', 'adm-cg'])
    expect(ids('qmcg')).toEqual(['qm-cg'])
    expect(ids('dhm')).toEqual(['dhm-cg', 'dhm-w'])
    expect(ids('安定门')).toEqual(['adm-cg'])
    expect(ids('wangwangge')).toEqual(['dhm-w'])
    // Letters merely in order (w…g…) are not enough.
    expect(ids('wg')).toEqual(['dhm-w'])
    expect(ids('zzz')).toEqual([])
  })

  it('another street asks first: the same key again confirms; the first chosen is 主办, the rest 协办', () => {
    const cg = filterRows(rows, '城管', streetName)
    let s = pickerReducer(initialPicker, { type: 'toggle', rows: cg })
    expect(s.chosen).toEqual(['qm-cg'])
    s = pickerReducer(s, { type: 'move', by: 1, rowCount: cg.length })
    s = pickerReducer(s, { type: 'toggle', rows: cg })
    expect(s.chosen).toEqual(['qm-cg'])
    expect(s.crossPending).toBe('dhm-cg')
    s = pickerReducer(s, { type: 'toggle', rows: cg })
    expect(s.chosen).toEqual(['qm-cg', 'dhm-cg'])
    expect(s.crossPending).toBeNull()
    expect(roleOf(s.chosen, 'qm-cg')).toBe('lead')
    expect(roleOf(s.chosen, 'dhm-cg')).toBe('assist')
    expect(roleOf(s.chosen, 'adm-cg')).toBeNull()
    // Moving away drops a pending confirm.
    s = pickerReducer(s, { type: 'move', by: 1, rowCount: cg.length })
    s = pickerReducer(s, { type: 'toggle', rows: cg })
    expect(s.crossPending).toBe('adm-cg')
    s = pickerReducer(s, { type: 'move', by: -1, rowCount: cg.length })
    expect(s.crossPending).toBeNull()
  })

  it('Enter with nothing added on another street\'s unit needs its confirm too', () => {
    const cg = filterRows(rows, 'adm', streetName)
    expect(unconfirmedTarget(initialPicker, cg)).toBe('adm-cg')
    const asked = pickerReducer(initialPicker, { type: 'confirmCross', unitId: 'adm-cg' })
    expect(asked.crossPending).toBe('adm-cg')
    const confirmed = pickerReducer(asked, { type: 'confirmCross', unitId: 'adm-cg' })
    expect(unconfirmedTarget(confirmed, cg)).toBeNull()
  })
})

describe('the picker on screen', () => {
  const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }))
  beforeEach(resetSeat)
  afterEach(() => cleanup())

  function setup(): FakeApi {
    const api = new FakeApi()
    const full = makeIncident({ id: 'a', version: 3, status: 'accepted', categoryCode: '0102', gridCode: GRID })
    api.incidents.set('a', full)
    applySnapshot(makeSnapshot({ incidents: [summarize(full)], units }))
    useConsole.setState({ reference: makeReference({ streets }) })
    render(<ConsoleView api={api} />)
    key('j')
    key('d')
    return api
  }

  it('after typing chengguan, ↓ to 安定门 (the issue\'s case) asks before dispatching there; Enter again sends', async () => {
    const api = setup()
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText('推荐')).toBeTruthy()
    expect(within(dialog).getByText('其他街道 · 东华门街道')).toBeTruthy()
    expect(within(dialog).getByText('其他街道 · 安定门街道')).toBeTruthy()
    const marked = within(dialog).getAllByTestId('picker-row').filter((r) => r.getAttribute('data-cross-street') === 'true')
    expect(marked.map((r) => r.getAttribute('data-unit-id'))).toEqual(['adm-cg', 'dhm-cg', 'dhm-w'])
    expect(within(marked[0] as HTMLElement).getByText('外街道')).toBeTruthy()
    const field = screen.getByRole('textbox', { name: '输入单位名称、编号或类型筛选' })
    fireEvent.change(field, { target: { value: 'chengguan' } })
    key('ArrowDown', field)
    key('Enter', field)
    expect(api.commands).toHaveLength(0)
    expect(within(dialog).getByRole('alert').textContent).toBe(
      '“安定门城管执法队”属于安定门街道，不是本案所在的前门街道。再按一次 Enter 确认派往外街道单位，或选择其他单位。'
    )
    key('Enter', field)
    await waitFor(() => expect(api.commands[0]).toMatchObject({ type: 'dispatch', incidentId: 'a', payload: { unitIds: ['adm-cg'] } }))
  })

  it('shows 主办 on the first unit added and 协办 on the next', async () => {
    const api = setup()
    const field = screen.getByRole('textbox', { name: '输入单位名称、编号或类型筛选' })
    key(' ', field)
    key('ArrowDown', field)
    key(' ', field)
    const roles = screen.getAllByTestId('picker-role').map((r) => r.textContent)
    expect(roles).toEqual(['主办', '协办'])
    expect(screen.getByTestId('picker-chosen').textContent).toBe('已选 2 / 5 · 主办：前门城管执法队 · 协办：草厂社区居委会')
    key('Enter', field)
    await waitFor(() => expect(api.commands[0]?.payload).toEqual({ unitIds: ['qm-cg', 'qm-sq'] }))
  })
})
