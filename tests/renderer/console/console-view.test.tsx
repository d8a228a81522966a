// @vitest-environment jsdom
// The console driven by keys alone against a fake API: selection, accept, the dispatch picker,
// the escalation panel, the claim warning, error texts, held (conflict) commands, virtualisation.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { applySnapshot, setCarrierUp, useConsole } from '../../../src-renderer/state/console-store'
import { App } from '../../../src-renderer/App'
import type { Snapshot } from '../../../src-shared/api'
import type { Incident } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeOutboxEntry, makeReference, makeSnapshot, makeStatus, makeUnit , resetSeat } from '../fixtures'
import { summarize } from '../../../src-shared/api'

// The real map needs WebGL; these tests are about the panels around it.
vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const GRID = '110101001001007'
const units = [
  makeUnit({ id: 'u-worker', name: '张网格', kind: 'grid_worker', gridCodes: [GRID], categories: [] }),
  makeUnit({ id: 'u-sanitation', name: '环卫所', kind: 'street_dept', categories: ['0102'] }),
  makeUnit({ id: 'u-enforce', name: '城管执法中队', kind: 'street_dept', categories: ['05'] }),
  makeUnit({ id: 'u-community', name: '东华门社区居委会', kind: 'community', categories: ['06'] }),
  makeUnit({ id: 'u-police', name: '东华门派出所', kind: 'street_dept', categories: [] }),
  makeUnit({ id: 'u-housing', name: '住建委', kind: 'street_dept', categories: [] }),
  makeUnit({ id: 'u-market', name: '区市场监管局', kind: 'district_dept', streetCode: null, categories: [] })
]

function setup(incidents: Incident[], over: Partial<Snapshot> = {}): FakeApi {
  const api = new FakeApi()
  for (const incident of incidents) api.incidents.set(incident.id, incident)
  applySnapshot(makeSnapshot({ incidents: incidents.map(summarize), units, ...over }))
  useConsole.setState({
    reference: makeReference({ responsibilities: [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-sanitation'] }] })
  })
  render(<ConsoleView api={api} />)
  return api
}

/** The dispatch picker's filter (the picker also has the optional instructions and deadline fields). */
const filterField = () => screen.getByRole('textbox', { name: '输入单位名称、编号或类型筛选' })

const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }))

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('queue and selection', () => {
  it('renders only the rows in view for 50,000 cases', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      makeIncident({ id: `c${i}`, reportedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() })
    )
    setup(many)
    expect(screen.getByTestId('queue-count').textContent).toBe('50000 件')
    const rows = screen.getAllByTestId('queue-row')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    // All waiting for 受理: the one waiting longest first (queue-order.ts).
    expect(rows[0]?.getAttribute('data-id')).toBe('c0')
  })

  it('j/k move the selection and the detail follows', async () => {
    setup([
      makeIncident({ id: 'a', title: '甲案', reportedAt: '2026-11-22T02:00:00Z' }),
      makeIncident({ id: 'b', title: '乙案', reportedAt: '2026-11-22T03:00:00Z' })
    ])
    key('j')
    expect(useConsole.getState().selectedId).toBe('a')
    key('j')
    expect(useConsole.getState().selectedId).toBe('b')
    key('j')
    expect(useConsole.getState().selectedId).toBe('b')
    key('k')
    expect(useConsole.getState().selectedId).toBe('a')
    const detail = screen.getByTestId('detail')
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('甲案')
    // The full record (description) arrives from getIncident.
    await screen.findByText('Rubbish by the gate')
    expect(within(screen.getByTestId('actions')).getByText('立案')).toBeTruthy()
  })

  it('marks a case with a queued command as 待发送', () => {
    setup([makeIncident({ id: 'a' })], { outbox: [makeOutboxEntry({ incidentId: 'a' })] })
    expect(screen.getByTestId('pending-marker').textContent).toBe('待发送')
  })
})

describe('commands by key', () => {
  it('a accepts the selected case on its current version', async () => {
    const api = setup([makeIncident({ id: 'a', version: 4 })])
    key('j')
    key('a')
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect(api.commands[0]).toEqual({ type: 'accept', incidentId: 'a', expectedVersion: 4, payload: {} })
    expect((await screen.findByTestId('flash')).textContent).toBe('立案：已发出，等待平台确认')
  })

  it('says the command waits in the outbox while offline', async () => {
    const api = setup([makeIncident({ id: 'a' })], { status: makeStatus({ connection: 'offline' }) })
    key('j')
    key('a')
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect((await screen.findByTestId('flash')).textContent).toBe('立案：已加入待发送，联网后自动提交')
  })

  it('says in the status bar when the hub refused the seat token', async () => {
    setup([makeIncident({ id: 'a' })], { status: makeStatus({ connection: 'offline', hubRefusal: 'unauthorized' }) })
    expect((await screen.findByTestId('hub-refusal')).textContent).toBe('平台拒绝了本席位的令牌：请值班长核对配置中的令牌')
  })

  it('shows no refusal while the hub accepts the token', () => {
    setup([makeIncident({ id: 'a' })])
    expect(screen.queryByTestId('hub-refusal')).toBeNull()
  })

  it('refuses a command the state does not allow, without calling the API', () => {
    const api = setup([makeIncident({ id: 'a', status: 'dispatched' })])
    key('j')
    key('a')
    expect(api.commands).toHaveLength(0)
    expect(screen.getByTestId('flash').textContent).toBe('立案：当前状态或角色不允许')
  })

  it('tells a viewer that the account is read-only', () => {
    const api = setup([makeIncident({ id: 'a' })], { status: makeStatus({ access: 'viewer' }) })
    key('j')
    key('a')
    expect(api.commands).toHaveLength(0)
    expect(screen.getByTestId('flash').textContent).toBe('只读账号，不能操作')
  })

  it('shows the error text for the refusal code', async () => {
    const api = setup([makeIncident({ id: 'a' })])
    api.nextCommandResult = { ok: false, error: { code: 'read_only', message: 'viewer token' } }
    key('j')
    key('a')
    await waitFor(() => expect(screen.getByTestId('flash').textContent).toBe('只读账号，不能操作'))
  })

  it('turns a broken carrier into a sentence instead of an unhandled rejection', async () => {
    const api = setup([makeIncident({ id: 'a' })])
    api.issueCommand = async () => {
      throw new Error('socket closed')
    }
    key('j')
    key('a')
    await waitFor(() => expect(screen.getByTestId('flash').textContent).toContain('socket closed'))
  })

  it('warns before acting on a case another console claimed', async () => {
    const claimedBy = { consoleId: 'console-other', userId: 'u2', name: '王调度', at: '2026-11-22T01:00:00Z' }
    const api = setup([makeIncident({ id: 'a', claimedBy })])
    key('j')
    key('a')
    const dialog = screen.getByRole('dialog')
    expect(dialog.textContent).toContain('王调度')
    expect(api.commands).toHaveLength(0)
    key('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(api.commands).toHaveLength(0)
    key('a')
    key('Enter', screen.getByRole('dialog'))
    await waitFor(() => expect(api.commands.map((c) => c.type)).toEqual(['accept']))
  })

  it('c claims a free case and releases one this console holds', async () => {
    const mine = { consoleId: 'console-me', userId: 'user-1', name: 'Li', at: '2026-11-22T01:00:00Z' }
    const api = setup([
      makeIncident({ id: 'free', reportedAt: '2026-11-22T02:00:00Z' }),
      makeIncident({ id: 'held', reportedAt: '2026-11-22T03:00:00Z', claimedBy: mine })
    ])
    key('j')
    key('c')
    key('j')
    key('c')
    await waitFor(() => expect(api.commands.map((c) => [c.type, c.incidentId])).toEqual([['claim', 'free'], ['release', 'held']]))
  })
})

describe('dispatch picker', () => {
  it('lists suggestions first with reasons, filters, adds with Space and sends with Enter', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted', version: 2 })])
    key('j')
    key('d')
    const dialog = screen.getByRole('dialog')
    const names = within(dialog).getAllByTestId('picker-row').map((r) => r.getAttribute('data-unit-id'))
    // The matrix unit first, then the grid's own worker; district departments never (escalation only).
    expect(names.slice(0, 2)).toEqual(['u-sanitation', 'u-worker'])
    expect(names).not.toContain('u-market')
    expect(within(dialog).getByText('权责清单')).toBeTruthy()

    const input = filterField()
    expect(document.activeElement).toBe(input)
    // Typing a shortcut letter into the filter must not trigger it.
    fireEvent.change(input, { target: { value: '社区' } })
    key('a', input)
    expect(api.commands).toHaveLength(0)
    expect(within(dialog).getAllByTestId('picker-row').map((r) => r.getAttribute('data-unit-id'))).toEqual(['u-community'])
    key(' ', input)
    fireEvent.change(input, { target: { value: '' } })
    key('ArrowDown', input)
    key(' ', input)
    expect(screen.getByTestId('picker-chosen').textContent).toContain('已选 2 / 5')
    key('Enter', input)
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect(api.commands[0]).toEqual({
      type: 'dispatch',
      incidentId: 'a',
      expectedVersion: 2,
      payload: { unitIds: ['u-community', 'u-worker'] }
    })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('filters by kind label and id too, and Enter alone sends the highlighted unit', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted' })])
    key('j')
    key('d')
    const input = filterField()
    fireEvent.change(input, { target: { value: '网格员' } })
    expect(screen.getAllByTestId('picker-row').map((r) => r.getAttribute('data-unit-id'))).toEqual(['u-worker'])
    fireEvent.change(input, { target: { value: 'U-ENF' } })
    expect(screen.getAllByTestId('picker-row').map((r) => r.getAttribute('data-unit-id'))).toEqual(['u-enforce'])
    key('Enter', input)
    await waitFor(() => expect(api.commands[0]?.payload).toEqual({ unitIds: ['u-enforce'] }))
  })

  it('stops at 5 units and says so; Space again removes one', () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted' })])
    key('j')
    key('d')
    const input = filterField()
    for (let i = 0; i < 5; i++) {
      key(' ', input)
      key('ArrowDown', input)
    }
    key(' ', input)
    expect(screen.getByTestId('picker-chosen').textContent).toContain('已选 5 / 5')
    expect(screen.getByRole('alert').textContent).toBe('最多选择 5 个单位')
    key('ArrowUp', input)
    key(' ', input)
    expect(screen.getByTestId('picker-chosen').textContent).toContain('已选 4 / 5')
    expect(api.commands).toHaveLength(0)
  })

  it('shows the send error inside the panel and keeps it open', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted' })])
    api.nextCommandResult = { ok: false, error: { code: 'illegal_transition', message: 'x' } }
    key('j')
    key('d')
    key('Enter', filterField())
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('案件当前状态不允许此操作'))
    expect(screen.getByRole('dialog')).toBeTruthy()
  })
})

describe('escalation panel', () => {
  it('requires a reason code and a reason, then sends escalate', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted', version: 3 })])
    key('j')
    key('e')
    const dialog = screen.getByRole('dialog')
    expect(document.activeElement).toBe(dialog)
    key('Enter', dialog)
    expect(screen.getByRole('alert').textContent).toBe('请先选择上报原因（4–9）')
    key('2', dialog)
    key('5', dialog)
    key('Enter', dialog)
    expect(screen.getByRole('alert').textContent).toBe('请填写内容后再发送')
    expect(api.commands).toHaveLength(0)
    const [text] = within(dialog).getAllByRole('textbox')
    key('Tab', dialog)
    expect(document.activeElement).toBe(text)
    fireEvent.change(text!, { target: { value: '  超过街道执法权限  ' } })
    fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: 'u-market' } })
    key('Enter', text!)
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect(api.commands[0]).toEqual({
      type: 'escalate',
      incidentId: 'a',
      expectedVersion: 3,
      payload: { level: 'department', reasonCode: 'overdue', reason: '超过街道执法权限', targetUnitId: 'u-market' }
    })
  })
})

describe('text and verify panels', () => {
  it('r needs a reason before it rejects', async () => {
    const api = setup([makeIncident({ id: 'a' })])
    key('j')
    key('r')
    const text = screen.getByRole('textbox')
    key('Enter', text)
    expect(screen.getByRole('alert').textContent).toBe('请填写内容后再发送')
    fireEvent.change(text, { target: { value: '重复上报' } })
    key('Enter', text)
    await waitFor(() => expect(api.commands[0]).toMatchObject({ type: 'reject', payload: { reason: '重复上报' } }))
  })

  it('v sends pass or fail', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'resolved' })])
    key('j')
    key('v')
    const dialog = screen.getByRole('dialog')
    key('Enter', dialog)
    expect(screen.getByRole('alert').textContent).toBe('请先选择核查结果（1 或 2）')
    key('2', dialog)
    key('Enter', dialog)
    await waitFor(() => expect(api.commands[0]).toMatchObject({ type: 'verify', payload: { passed: false } }))
  })

  it('? opens the help and Esc closes it', () => {
    setup([])
    key('?')
    expect(screen.getByRole('dialog').textContent).toContain('快捷键')
    key('Escape')
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('held commands', () => {
  it('shows a conflict with the current state and resolves it by key', async () => {
    const current = makeIncident({ id: 'a', status: 'dispatched', version: 7 })
    const conflict = makeOutboxEntry({
      incidentId: 'a',
      state: 'conflict',
      error: { code: 'conflict', message: 'stale' },
      current
    })
    const api = setup([makeIncident({ id: 'a' })], { outbox: [conflict] })
    expect(screen.getByTestId('pending-marker').textContent).toBe('版本冲突')
    key('j')
    const problem = screen.getByTestId('held-problem')
    expect(problem.textContent).toContain('立案 未执行：案件已被他人修改')
    expect(problem.textContent).toContain('已派遣（版本 7）')
    expect(problem.textContent).toContain('按 x 放弃此命令')
    key('s')
    key('x')
    await waitFor(() =>
      expect(api.resolutions).toEqual([
        [conflict.command.commandId, 'retry'],
        [conflict.command.commandId, 'discard']
      ])
    )
  })
})

describe('status bar', () => {
  it('shows connection, held count, rejected changes, the demo marker, and says when the back end is gone', () => {
    setup([makeIncident({ id: 'a' })], {
      status: makeStatus({ connection: 'degraded', rejectedChanges: 3, demo: true }),
      outbox: [makeOutboxEntry({ incidentId: 'a' }), makeOutboxEntry({ incidentId: 'a', state: 'sending' }), makeOutboxEntry({ incidentId: 'b', state: 'conflict' })],
      presence: {
        consoles: [
          { consoleId: 'c1', user: { id: 'u1', name: 'Li', role: 'dispatcher' }, role: 'dispatcher', claimed: [] },
          { consoleId: 'c2', user: { id: 'u2', name: 'Wang', role: 'lead' }, role: 'lead', claimed: [] },
          { consoleId: 'c3', user: { id: 'u3', name: 'Field', role: 'unit' }, role: 'unit', claimed: [] }
        ]
      }
    })
    const bar = screen.getByRole('banner')
    expect(within(bar).getByTestId('connection').textContent).toBe('网络不稳')
    // Queued and sending count; the held conflict does not (it is not waiting to be sent).
    expect(within(bar).getByTestId('outbox-count').textContent).toBe('待发送 2')
    expect(bar.textContent).toContain('拒收变更 3')
    expect(bar.textContent).toContain('演示模式')
    // Issue 16: with the link unstable the seat count is last known, marked stale rather than shown live.
    expect(bar.textContent).toContain('在线坐席（2，已过时）')
    expect(screen.queryByTestId('carrier-down')).toBeNull()
    act(() => setCarrierUp(false))
    expect(screen.getByTestId('carrier-down').textContent).toContain('与控制台后台断开')
  })

  it('switches the whole console to English', async () => {
    const api = new FakeApi()
    applySnapshot(makeSnapshot({ incidents: [summarize(makeIncident({ id: 'a' }))] }))
    render(<App api={api} view="console" />)
    expect(screen.getByText('待办案件')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'English' }))
    expect(await screen.findByText('Open cases')).toBeTruthy()
    expect(api.settings.locale).toBe('en-US')
  })

  it('shows a hub notice until it is dismissed', () => {
    setup([], { notices: [{ id: 'n1', level: 'alert', text: 'Platform maintenance at 22:00', at: '2026-11-22T01:00:00Z' }] })
    expect(screen.getByText('Platform maintenance at 22:00')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '关闭' }))
    expect(screen.queryByText('Platform maintenance at 22:00')).toBeNull()
  })
})
