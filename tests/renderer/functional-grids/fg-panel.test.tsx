// @vitest-environment jsdom
// Shift+F in the seat (issue 14 item 2, rev 1.8), by keys alone: a lead creates a functional grid over
// a community (team found by pinyin, Space picks, Enter on the community sends) and the command is the
// one the hub takes; an IME composing Enter sends nothing and moves nothing; bad input keeps the form
// and says why; a lead ends one early with a reason; a dispatcher and the wall's viewer see the list
// read-only with the reason; a hub before rev 1.8 gets the older-hub sentence and nothing else.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import type { ConsoleStatus } from '../../../src-shared/api'
import { CommandRequest } from '../../../src-shared/api'
import type { FunctionalGrid } from '../../../src-shared/protocol'
import { FakeApi, makeSnapshot, makeStatus, resetSeat } from '../fixtures'
import { COMM_B, fgReference, fgUnits, makeFunctionalGrid } from './fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const LEAD = { id: 'user-lead', name: '王值班长', role: 'lead' as const }
const DISPATCHER = { id: 'user-d', name: '张调度', role: 'dispatcher' as const }

function setup(status: Partial<ConsoleStatus>, functionalGrids: FunctionalGrid[] = []): FakeApi {
  const api = new FakeApi()
  applySnapshot(makeSnapshot({ status: makeStatus({ hubFeatures: ['functionalGrid'], ...status }), units: fgUnits, functionalGrids }))
  useConsole.setState({ reference: fgReference() })
  render(<ConsoleView api={api} />)
  act(() => void fireEvent.keyDown(window, { key: 'F', code: 'KeyF', shiftKey: true }))
  return api
}

const key = (target: Element, k: string, more: Record<string, unknown> = {}) => act(() => void fireEvent.keyDown(target, { key: k, ...more }))
const type = (testId: string, value: string) => act(() => void fireEvent.change(screen.getByTestId(testId), { target: { value } }))

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('Shift+F for a shift lead', () => {
  it('creates a functional grid over one community by keyboard and sends exactly that command', async () => {
    const api = setup({ user: LEAD })
    key(screen.getByTestId('fg-list'), 'n')
    const name = screen.getByTestId('fg-name')
    expect(document.activeElement).toBe(name)
    type('fg-name', '防汛专项')
    key(name, 'Enter')
    expect(document.activeElement).toBe(screen.getByTestId('fg-purpose'))
    type('fg-purpose', '汛期积水点巡查')
    // From now for a week unless the lead types otherwise.
    const from = (screen.getByTestId('fg-from') as HTMLInputElement).value
    const to = (screen.getByTestId('fg-to') as HTMLInputElement).value
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    // The team: pinyin initials of 多福巷社区居委会 find it, Space picks it; district departments are never offered.
    const team = screen.getByTestId('fg-team-filter')
    type('fg-team-filter', 'dfx')
    expect(within(screen.getByTestId('fg-team-list')).getAllByRole('option').map((o) => o.getAttribute('data-id'))).toEqual(['u-sq'])
    key(team, ' ')
    type('fg-team-filter', 'chengguan')
    expect(within(screen.getByTestId('fg-team-list')).getAllByRole('option').map((o) => o.getAttribute('data-id'))).toEqual(['u-cg'])
    key(team, ' ')
    type('fg-team-filter', '')
    expect(screen.queryByText('区城管委')).toBeNull()
    expect(screen.getByTestId('fg-team-chosen').textContent).toBe('已选 2 / 20 个单位 · 多福巷社区居委会、东华门城管执法队')
    // The area: a community by pinyin; the list says how many unit grids it holds.
    type('fg-area-filter', 'duofu')
    const options = within(screen.getByTestId('fg-area-list')).getAllByRole('option')
    expect(options.map((o) => o.getAttribute('data-id'))).toEqual([COMM_B])
    expect(screen.getByTestId('fg-covers').textContent).toBe('覆盖 1 个单元网格')
    key(screen.getByTestId('fg-area-filter'), 'Enter')
    await waitFor(() => expect(api.commands).toHaveLength(1))
    const sent = api.commands[0] as CommandRequest
    expect(CommandRequest.safeParse(sent).success).toBe(true)
    expect(sent).toMatchObject({
      type: 'functionalGrid.create',
      payload: { name: '防汛专项', purpose: '汛期积水点巡查', unitIds: ['u-sq', 'u-cg'], area: { communityCode: COMM_B } }
    })
    expect(sent.incidentId).toBeUndefined()
    const payload = sent.payload as { fromAt: string; toAt: string }
    expect(Date.parse(payload.toAt) - Date.parse(payload.fromAt)).toBe(7 * 24 * 3_600_000)
    expect(from < to).toBe(true)
  })

  it('an IME composing Enter sends nothing and moves nothing; bad input keeps the form and says why', async () => {
    const api = setup({ user: LEAD })
    key(screen.getByTestId('fg-list'), 'n')
    const name = screen.getByTestId('fg-name')
    type('fg-name', '防汛')
    for (const composing of [{ isComposing: true }, { keyCode: 229 }, { key: 'Process', keyCode: 229 }]) {
      key(name, 'Enter', composing)
      expect(document.activeElement).toBe(name)
    }
    type('fg-purpose', '汛期')
    type('fg-area-filter', 'duofu')
    const area = screen.getByTestId('fg-area-filter')
    key(area, 'Enter', { isComposing: true })
    key(area, 'Enter', { keyCode: 229 })
    expect(api.commands).toHaveLength(0)
    expect(screen.queryByRole('alert')).toBeNull()
    // Without a team the form refuses, says why, and keeps what was typed.
    key(area, 'Enter')
    expect(screen.getByRole('alert').textContent).toBe('请至少选择一个单位')
    expect(api.commands).toHaveLength(0)
    expect((screen.getByTestId('fg-name') as HTMLInputElement).value).toBe('防汛')
    // An end already past is refused before sending (the domain's period rule).
    key(screen.getByTestId('fg-team-filter'), ' ')
    type('fg-from', '2020-01-01 08:00')
    type('fg-to', '2020-01-02 08:00')
    key(area, 'Enter')
    expect(screen.getByRole('alert').textContent).toBe('结束时间已过，时段不能完全在过去')
    type('fg-to', '2020-01-01 07:00')
    key(area, 'Enter')
    expect(screen.getByRole('alert').textContent).toBe('结束时间须晚于开始时间')
    type('fg-to', 'tomorrow')
    key(area, 'Enter')
    expect(screen.getByRole('alert').textContent).toBe('结束时间格式应为 YYYY-MM-DD HH:mm')
    expect(api.commands).toHaveLength(0)
  })

  it('refuses an area that overlaps a not-ended functional grid, naming it', () => {
    const api = setup({ user: LEAD }, [makeFunctionalGrid()])
    key(screen.getByTestId('fg-list'), 'n')
    type('fg-name', '市容整治')
    type('fg-purpose', '专项整治')
    key(screen.getByTestId('fg-team-filter'), ' ')
    type('fg-area-filter', 'duofu')
    key(screen.getByTestId('fg-area-filter'), 'Enter')
    expect(screen.getByRole('alert').textContent).toContain('与功能性网格“防汛专项”')
    expect(api.commands).toHaveLength(0)
  })

  it('lists the functional grids with the domain state, period, team and grid count, and ends one early with a reason', async () => {
    const now = Date.now()
    const planned = makeFunctionalGrid({ id: 'fg-p', name: '国庆保障', fromAt: new Date(now + 3_600_000).toISOString(), toAt: new Date(now + 7_200_000).toISOString(), gridCodes: ['110101001001001'] })
    const ended = makeFunctionalGrid({ id: 'fg-e', name: '创城复查', fromAt: new Date(now - 7_200_000).toISOString(), toAt: new Date(now - 3_600_000).toISOString() })
    const api = setup({ user: LEAD }, [planned, ended, makeFunctionalGrid()])
    const rows = screen.getAllByTestId('fg-row')
    expect(rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-state')])).toEqual([
      ['fg-1', 'active'],
      ['fg-p', 'planned'],
      ['fg-e', 'ended']
    ])
    expect(within(rows[0] as HTMLElement).getByText('生效中')).toBeTruthy()
    expect(rows[0]?.textContent).toContain('1 个单位')
    expect(rows[0]?.textContent).toContain('多福巷社区居委会')
    const list = screen.getByTestId('fg-list')
    key(list, 'e')
    const reason = screen.getByTestId('fg-end-reason')
    key(reason, 'Enter')
    expect(screen.getByRole('alert').textContent).toBe('请填写结束原因')
    fireEvent.change(reason, { target: { value: '汛期提前结束' } })
    key(reason, 'Enter', { isComposing: true })
    expect(api.commands).toHaveLength(0)
    key(reason, 'Enter')
    await waitFor(() => expect(api.commands[0]).toEqual({ type: 'functionalGrid.end', functionalGridId: 'fg-1', payload: { reason: '汛期提前结束' } }))
  })
})

describe('Shift+F for others', () => {
  it('a dispatcher sees the list read-only with the reason; N and E do nothing', () => {
    const api = setup({ user: DISPATCHER }, [makeFunctionalGrid()])
    expect(screen.getByTestId('fg-readonly').textContent).toBe('只有值班长可以新建或结束功能性网格；此处只读。')
    expect(screen.getAllByTestId('fg-row')).toHaveLength(1)
    key(screen.getByTestId('fg-list'), 'n')
    key(screen.getByTestId('fg-list'), 'e')
    expect(screen.queryByTestId('fg-form')).toBeNull()
    expect(screen.queryByTestId('fg-end-reason')).toBeNull()
    expect(screen.queryByTestId('fg-new')).toBeNull()
    expect(api.commands).toHaveLength(0)
  })

  it('a viewer (read-only token) may only look', () => {
    setup({ user: LEAD, access: 'viewer' }, [makeFunctionalGrid()])
    expect(screen.getByTestId('fg-readonly').textContent).toBe('只读账号：只能查看功能性网格。')
  })

  it('a hub before rev 1.8 (no functionalGrid in its welcome features) gets the reason and nothing else', () => {
    setup({ user: LEAD, hubFeatures: undefined, lastContactAt: '2026-11-22T01:00:00.000Z' })
    expect(screen.getByTestId('fg-unavailable').textContent).toBe(
      '指挥中心服务端早于协议 1.8，不支持功能性网格：无法查看、新建或结束，地图也不显示功能性网格。'
    )
    expect(screen.queryByTestId('fg-list')).toBeNull()
    expect(screen.queryByTestId('fg-new')).toBeNull()
    cleanup()
    resetSeat()
    setup({ user: LEAD, hubFeatures: ['somethingElse'] })
    expect(screen.getByTestId('fg-unavailable').getAttribute('data-why')).toBe('hub_predates_1_8')
  })
})
