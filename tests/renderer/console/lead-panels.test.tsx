// @vitest-environment jsdom
// The shift lead's keys driven against a fake API: suspend/resume, extend, reopen (found by code),
// merge, acting for a unit, the dispatch picker's extra fields, and the handover (交接班) both ways.
// Each panel builds the exact CommandRequest and refuses bad input with a message, sending nothing.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { parseDeadlineInput } from '../../../src-renderer/console/panels/deadline-field'
import { applyDelta, applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import type { Snapshot } from '../../../src-shared/api'
import { summarize } from '../../../src-shared/api'
import type { Handover, Incident, Role } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus, makeUnit , resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

/** The centre's zone offset (the reference calendar's, UTC+8), as the fields use it whatever the test machine's zone. */
const OFFSET = makeReference().calendar.utcOffsetMinutes
/** The instant a wall-clock time in the centre names. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(Date.UTC(y, mo - 1, d, h, mi) - OFFSET * 60_000).toISOString()
const HOUR = 3_600_000
const units = [
  makeUnit({ id: 'u-sanitation', name: '环卫所', kind: 'street_dept', categories: ['0102'] }),
  makeUnit({ id: 'u-enforce', name: '城管执法中队', kind: 'street_dept', categories: ['05'] })
]

function setup(incidents: Incident[], role: Role = 'lead', over: Partial<Snapshot> = {}): FakeApi {
  const api = new FakeApi()
  for (const incident of incidents) api.incidents.set(incident.id, incident)
  applySnapshot(
    makeSnapshot({
      incidents: incidents.map(summarize),
      units,
      status: makeStatus({ user: { id: 'me', name: '赵值班长', role } }),
      ...over
    })
  )
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  return api
}

const key = (k: string, target: Element | Window = window, extra: Record<string, unknown> = {}) =>
  act(() => void fireEvent.keyDown(target, { key: k, ...extra }))
const flash = () => screen.getByTestId('flash').textContent
const alertText = () => screen.getByRole('alert').textContent
const iso = (ms: number) => new Date(ms).toISOString()

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('keys only for the roles that may use them', () => {
  it('a dispatcher gets no suspend, extend or handover; nothing is sent', () => {
    const api = setup([makeIncident({ id: 'a', status: 'dispatched', deadlineAt: iso(Date.now() + HOUR) })], 'dispatcher')
    key('j')
    key('p')
    expect(flash()).toBe('挂账：当前状态或角色不允许')
    key('t')
    expect(flash()).toBe('延期：当前状态或角色不允许')
    key('g')
    expect(flash()).toBe('交接班仅限值班长')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(api.commands).toHaveLength(0)
    // The actions list shows the on-behalf keys a dispatcher has, not the lead's.
    const actions = screen.getByTestId('actions').textContent ?? ''
    expect(actions).toContain('代签收')
    expect(actions).not.toContain('挂账')
  })

  it('the state decides too: no extension before dispatch, no reopen of an open case', () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted' })])
    key('j')
    key('t')
    expect(flash()).toBe('延期：当前状态或角色不允许')
    key('o')
    expect(flash()).toBe('重新办理：当前状态或角色不允许')
    key('i')
    expect(flash()).toBe('代签收：当前状态或角色不允许')
    expect(api.commands).toHaveLength(0)
  })
})

describe('suspend and resume (p)', () => {
  it('p needs a reason to suspend, and resumes a suspended case at once', async () => {
    const api = setup([
      makeIncident({ id: 'a', status: 'dispatched', version: 3, reportedAt: '2026-11-22T02:00:00Z' }),
      makeIncident({ id: 'b', status: 'suspended', version: 8, reportedAt: '2026-11-22T03:00:00Z' })
    ])
    key('j')
    key('p')
    const text = screen.getByRole('textbox')
    expect(screen.getByRole('dialog').textContent).toContain('挂账')
    key('Enter', text)
    expect(alertText()).toBe('请填写内容后再发送')
    expect(api.commands).toHaveLength(0)
    fireEvent.change(text, { target: { value: ' 等待汛期结束 ' } })
    key('Enter', text)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({ type: 'suspend', incidentId: 'a', expectedVersion: 3, payload: { reason: '等待汛期结束' } })
    )
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    key('j')
    key('p')
    await waitFor(() => expect(api.commands[1]).toEqual({ type: 'resume', incidentId: 'b', expectedVersion: 8, payload: {} }))
  })
})

describe('extend (t)', () => {
  it('offers a later deadline, refuses a past one and an empty reason, then sends the ISO instant', async () => {
    const deadline = Date.now() + 2 * HOUR
    const api = setup([makeIncident({ id: 'a', status: 'in_progress', version: 6, deadlineAt: iso(deadline) })])
    key('j')
    key('t')
    const dialog = screen.getByRole('dialog')
    const field = within(dialog).getByTestId('extend-deadline') as HTMLInputElement
    const offered = parseDeadlineInput(field.value, OFFSET)
    expect(offered).not.toBeNull()
    expect(offered as number).toBeGreaterThan(deadline)
    const reason = within(dialog).getAllByRole('textbox')[1] as HTMLTextAreaElement
    expect(document.activeElement).toBe(reason)
    key('Enter', reason)
    expect(alertText()).toBe('请填写延期理由')

    fireEvent.change(reason, { target: { value: '需协调燃气公司' } })
    fireEvent.change(field, { target: { value: '2020-01-01 10:00' } })
    key('Enter', reason)
    expect(alertText()).toBe('期限必须晚于现在')
    fireEvent.change(field, { target: { value: '明天' } })
    key('Enter', field)
    expect(alertText()).toContain('时间格式应为')
    expect(api.commands).toHaveLength(0)

    fireEvent.change(field, { target: { value: '2099-03-01 17:30' } })
    key('Enter', field)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({
        type: 'extend',
        incidentId: 'a',
        expectedVersion: 6,
        payload: { newDeadlineAt: local(2099, 3, 1, 17, 30), reason: '需协调燃气公司' }
      })
    )
  })
})

describe('find (/) and reopen (o)', () => {
  it('goes to a closed case by code and reopens it with a reason', async () => {
    const api = setup([
      makeIncident({ id: 'open', code: 'DC20261122-0001' }),
      makeIncident({ id: 'closed', code: 'DC20261120-0099', status: 'closed', version: 12 })
    ])
    key('/')
    const input = screen.getByRole('textbox')
    fireEvent.change(input, { target: { value: '0098' } })
    key('Enter', input)
    // Not in the store: the cache is asked too before the panel says so.
    await waitFor(() => expect(alertText()).toBe('找不到案件 0098'))
    expect(api.finds).toContainEqual(['0098', 20])
    fireEvent.change(input, { target: { value: '0099' } })
    expect(screen.getAllByTestId('case-option').map((o) => o.getAttribute('data-id'))).toEqual(['closed'])
    key('Enter', input)
    expect(useConsole.getState().selectedId).toBe('closed')
    expect(screen.queryByRole('dialog')).toBeNull()
    key('o')
    const text = screen.getByRole('textbox')
    key('Enter', text)
    expect(alertText()).toBe('请填写内容后再发送')
    fireEvent.change(text, { target: { value: '群众再次来电' } })
    key('Enter', text)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({ type: 'reopen', incidentId: 'closed', expectedVersion: 12, payload: { reason: '群众再次来电' } })
    )
  })
})

describe('merge (m)', () => {
  it('refuses itself, a finished case and an unknown code; merges into an open one', async () => {
    const api = setup([
      makeIncident({ id: 'dup', code: 'DC20261122-0042', version: 2, reportedAt: '2026-11-22T05:00:00Z' }),
      makeIncident({ id: 'orig', code: 'DC20261122-0007', status: 'dispatched', reportedAt: '2026-11-22T04:00:00Z' }),
      makeIncident({ id: 'done', code: 'DC20261121-0300', status: 'closed' })
    ])
    key('j')
    key('m')
    const input = screen.getByRole('textbox')
    key('Enter', input)
    expect(alertText()).toBe('请输入目标案件编号')
    fireEvent.change(input, { target: { value: 'dc20261122-0042' } })
    key('Enter', input)
    expect(alertText()).toBe('不能合并到本案自身')
    fireEvent.change(input, { target: { value: 'DC20261121-0300' } })
    key('Enter', input)
    expect(alertText()).toBe('案件 DC20261121-0300 已办结或已关闭，只能合并到在办案件')
    fireEvent.change(input, { target: { value: 'DC-404' } })
    key('Enter', input)
    expect(alertText()).toBe('找不到案件 DC-404')
    expect(api.commands).toHaveLength(0)
    // The serial is enough: the only open match is highlighted and Enter takes it.
    fireEvent.change(input, { target: { value: '0007' } })
    expect(screen.getAllByTestId('case-option').map((o) => o.getAttribute('data-id'))).toEqual(['orig'])
    key('Enter', input)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({ type: 'merge', incidentId: 'dup', expectedVersion: 2, payload: { intoIncidentId: 'orig' } })
    )
  })
})

describe('acting for a unit (i, w, f)', () => {
  it('w needs a unit and a reason; digits pick the unit and move to the reason', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'dispatched', version: 4, assignees: ['u-sanitation', 'u-enforce'] })])
    key('j')
    key('w')
    const dialog = screen.getByRole('dialog')
    expect(document.activeElement).toBe(dialog)
    key('Enter', dialog)
    expect(alertText()).toBe('请先选择单位（数字键）')
    key('2', dialog)
    const reason = within(dialog).getByRole('textbox')
    expect(document.activeElement).toBe(reason)
    key('Enter', reason)
    expect(alertText()).toBe('请填写内容后再发送')
    fireEvent.change(reason, { target: { value: '不属本单位职责' } })
    key('Enter', reason)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({
        type: 'return',
        incidentId: 'a',
        expectedVersion: 4,
        payload: { unitId: 'u-enforce', reason: '不属本单位职责' }
      })
    )
  })

  it('i signs for the only assignee with Enter; f sends the note', async () => {
    const api = setup([
      makeIncident({ id: 'a', status: 'dispatched', assignees: ['u-sanitation'], reportedAt: '2026-11-22T02:00:00Z' }),
      makeIncident({ id: 'b', status: 'in_progress', assignees: ['u-enforce'], reportedAt: '2026-11-22T03:00:00Z' })
    ])
    key('j')
    key('i')
    expect(screen.getByRole('dialog').textContent).toContain('环卫所')
    key('Enter', screen.getByRole('dialog'))
    await waitFor(() => expect(api.commands[0]).toMatchObject({ type: 'sign', incidentId: 'a', payload: { unitId: 'u-sanitation' } }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    key('j')
    key('f')
    const note = screen.getByRole('textbox')
    expect(document.activeElement).toBe(note)
    fireEvent.change(note, { target: { value: '已清理完毕' } })
    key('Enter', note)
    await waitFor(() =>
      expect(api.commands[1]).toMatchObject({ type: 'feedback', incidentId: 'b', payload: { unitId: 'u-enforce', note: '已清理完毕' } })
    )
  })
})

describe('dispatch extras', () => {
  it('Tab reaches instructions and deadline; a past deadline is refused; both go in the payload', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted', version: 2 })], 'dispatcher')
    useConsole.setState({ reference: makeReference({ responsibilities: [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-sanitation'] }] }) })
    key('j')
    key('d')
    const instructions = screen.getByTestId('dispatch-instructions')
    const deadline = screen.getByTestId('dispatch-deadline')
    fireEvent.change(instructions, { target: { value: '注意避开早高峰' } })
    fireEvent.change(deadline, { target: { value: '2001-01-01 08:00' } })
    key('Enter', deadline)
    expect(alertText()).toBe('期限必须晚于现在')
    expect(api.commands).toHaveLength(0)
    fireEvent.change(deadline, { target: { value: '2099-01-02 08:00' } })
    key('Enter', instructions)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({
        type: 'dispatch',
        incidentId: 'a',
        expectedVersion: 2,
        payload: { unitIds: ['u-sanitation'], instructions: '注意避开早高峰', deadlineAt: local(2099, 1, 2, 8, 0) }
      })
    )
  })
})

describe('handover (g)', () => {
  it('submits every open case with its note, the summary and the recipient', async () => {
    const now = Date.now()
    const open = [
      makeIncident({ id: 'o1', code: 'H-1', status: 'dispatched', deadlineAt: iso(now - HOUR) }),
      makeIncident({ id: 'o2', code: 'H-2', status: 'reported', urgency: 'urgent' }),
      makeIncident({ id: 'o3', code: 'H-3', status: 'suspended' }),
      makeIncident({ id: 'o4', code: 'H-4', status: 'in_progress', deadlineAt: iso(now + HOUR) })
    ]
    const api = setup([...open, makeIncident({ id: 'c1', status: 'closed' }), makeIncident({ id: 'm1', status: 'merged' })], 'lead', {
      presence: {
        consoles: [
          { consoleId: 'c2', user: { id: 'user-lead2', name: '李值班长', role: 'lead' }, role: 'lead', claimed: [] },
          { consoleId: 'c3', user: { id: 'd1', name: '调度员', role: 'dispatcher' }, role: 'dispatcher', claimed: [] }
        ]
      }
    })
    key('g')
    const dialog = screen.getByRole('dialog')
    expect(screen.getByTestId('handover-count').textContent).toBe('在办 4 件')
    // Overdue first, then urgent.
    expect(within(dialog).getAllByTestId('handover-row').map((r) => r.getAttribute('data-id'))).toEqual(['o1', 'o2', 'o4', 'o3'])
    const note = screen.getByTestId('handover-note')
    expect(document.activeElement).toBe(note)
    fireEvent.change(note, { target: { value: '已催办两次' } })
    key('Enter', note)
    fireEvent.change(note, { target: { value: '待派遣' } })
    key('ArrowDown', note)
    key('ArrowDown', note)
    key('Enter', note)
    // After the last case, Enter goes to the summary; Enter there with no summary is refused.
    const summary = screen.getByTestId('handover-summary')
    expect(document.activeElement).toBe(summary)
    key('Enter', summary)
    expect(alertText()).toBe('请填写交班小结')
    expect(api.commands).toHaveLength(0)
    fireEvent.change(summary, { target: { value: '夜间降雨，注意积水点' } })
    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: 'user-lead2' } })
    key('Enter', summary)
    await waitFor(() => expect(api.commands).toHaveLength(1))
    const sent = api.commands[0]
    expect(sent?.type).toBe('handover.submit')
    expect(sent?.payload).toMatchObject({ summary: '夜间降雨，注意积水点', toUserId: 'user-lead2' })
    expect(String(sent?.payload.shiftId)).toMatch(/^\d{4}-\d{2}-\d{2}-S[123]$/)
    expect(sent?.payload.items).toEqual([
      { incidentId: 'o1', note: '已催办两次' },
      { incidentId: 'o2', note: '待派遣' },
      { incidentId: 'o4', note: '' },
      { incidentId: 'o3', note: '' }
    ])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(flash()).toBe('提交交接：已发出，等待平台确认')
  })

  it('keeps 2,000 cases fast: only the rows in view are drawn, all are sent in one handover', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => makeIncident({ id: `k${i}`, code: `K-${String(i).padStart(4, '0')}`, status: 'accepted' }))
    const api = setup(many)
    key('g')
    expect(screen.getByTestId('handover-count').textContent).toBe('在办 2000 件')
    expect(screen.getAllByTestId('handover-row').length).toBeLessThan(40)
    const summary = screen.getByTestId('handover-summary')
    fireEvent.change(summary, { target: { value: '交班' } })
    key('Enter', summary, { ctrlKey: true })
    await waitFor(() => expect(api.commands).toHaveLength(1))
    const ids = api.commands.flatMap((c) => (c.payload.items as { incidentId: string }[]).map((i) => i.incidentId))
    expect(new Set(ids).size).toBe(2000)
  })

  it('hands two streets over as one; then shows 已交班 / 已接班, refuses a second, and shows a refusal with its reason', async () => {
    const api = setup([
      makeIncident({ id: 's1', status: 'accepted', gridCode: '110101001001007' }),
      makeIncident({ id: 's2', status: 'accepted', gridCode: '110101002001001' })
    ])
    key('g')
    expect(screen.getByRole('dialog').textContent).toContain('涉及 2 个街道，合为一份交接')
    const summary = screen.getByTestId('handover-summary')
    fireEvent.change(summary, { target: { value: '交班' } })
    key('Enter', summary)
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect((api.commands[0]?.payload.items as { incidentId: string }[]).map((i) => i.incidentId).sort()).toEqual(['s1', 's2'])
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // The hub's handover of this shift arrives: the panel says 已交班, then 已接班, and will not send another.
    key('g')
    const shiftId = /（(.+)）/.exec(screen.getByTestId('handover-shift').textContent ?? '')?.[1] ?? ''
    expect(shiftId).toMatch(/^\d{4}-\d{2}-\d{2}-S[123]$/)
    const mine: Handover = {
      id: 'ho-mine', version: 1, seq: 30, shiftId, streetCode: '110101001', streetCodes: ['110101001', '110101002'],
      from: { userId: 'me', name: '赵值班长' }, to: null, state: 'submitted', submittedAt: '2026-11-22T15:00:00Z',
      acknowledgedAt: null, summary: '交班', items: []
    }
    const deliver = (h: Handover, seq: number) =>
      act(() => applyDelta({ lastSeq: seq, incidents: [], removedIncidentIds: [], units: [], removedUnitIds: [], handovers: [h], removedHandoverIds: [] }))
    deliver(mine, 30)
    expect(screen.getByTestId('handover-state').textContent).toContain('本班已交班')
    expect(screen.getByTestId('handover-state').textContent).toContain('待接班')
    deliver({ ...mine, version: 2, seq: 31, state: 'acknowledged', to: { userId: 'user-lead2', name: '李值班长' }, acknowledgedAt: '2026-11-22T15:10:00Z' }, 31)
    expect(screen.getByTestId('handover-state').textContent).toContain('李值班长 已接班')
    fireEvent.change(screen.getByTestId('handover-summary'), { target: { value: '再交一次' } })
    key('Enter', screen.getByTestId('handover-summary'))
    expect(alertText()).toBe('本班已交班，不能重复交班')
    expect(api.commands).toHaveLength(1)
    // A refusal the hub sent back (held in the outbox) is shown with its reason.
    act(() =>
      useConsole.setState({
        outbox: [
          {
            command: { commandId: '00000000-0000-4000-8000-000000000001', type: 'handover.submit', payload: {}, issuedAt: '2026-11-22T15:00:00Z' },
            state: 'conflict',
            attempts: 1,
            error: { code: 'conflict', message: 'shift was already handed over by 王值班长' },
            current: null,
            queuedAt: '2026-11-22T15:00:00Z'
          }
        ]
      })
    )
    expect(screen.getByTestId('handover-refused').textContent).toBe('交接被中心拒绝（conflict）：shift was already handed over by 王值班长')
  })

  it('shows a badge for a handover waiting for me; g opens it; Enter sends only the marked items', async () => {
    const incidents = [makeIncident({ id: 'a', code: 'A-1', status: 'in_progress' }), makeIncident({ id: 'b', code: 'B-1', status: 'closed' })]
    const handover: Handover = {
      id: 'ho-1',
      version: 1,
      seq: 20,
      shiftId: '2026-11-22-S3',
      streetCode: '110101001',
      from: { userId: 'user-lead', name: '王值班长' },
      to: { userId: 'me', name: '赵值班长' },
      state: 'submitted',
      submittedAt: '2026-11-22T15:00:00Z',
      acknowledgedAt: null,
      summary: '夜班平稳',
      items: [
        { id: 'ho-1-1', incidentId: 'a', statusAtHandover: 'dispatched', note: '已催办', acknowledged: false },
        { id: 'ho-1-2', incidentId: 'b', statusAtHandover: 'resolved', note: '', acknowledged: false },
        { id: 'ho-1-3', incidentId: 'gone', statusAtHandover: 'accepted', note: '', acknowledged: true }
      ]
    }
    const api = setup(incidents, 'lead')
    expect(screen.queryByTestId('handover-badge')).toBeNull()
    act(() =>
      applyDelta({
        lastSeq: 20,
        incidents: [],
        removedIncidentIds: [],
        units: [],
        removedUnitIds: [],
        handovers: [handover],
        removedHandoverIds: []
      })
    )
    expect(screen.getByTestId('handover-badge').textContent).toBe('待接班 1')
    expect(screen.getByTestId('handover-badge').getAttribute('title')).toBe('1 份交接（2 件）待您确认，按 g 查看')
    key('g')
    const view = screen.getByTestId('handover-incoming')
    expect(document.activeElement).toBe(view)
    expect(view.textContent).toContain('夜班平稳')
    const rows = screen.getAllByTestId('incoming-row')
    expect(rows[0]?.textContent).toContain('A-1')
    expect(rows[0]?.textContent).toContain('已派遣→处置中')
    expect(rows[1]?.textContent).toContain('待核查→已结案')
    expect(rows[2]?.textContent).toContain('不在本地')
    key('Enter', view)
    expect(alertText()).toBe('请先勾选要确认的案件（空格，或 a 全选）')
    key('ArrowDown', view)
    key(' ', view)
    expect(screen.getByTestId('handover-marked').textContent).toBe('已勾选 1 / 待确认 2')
    key('Enter', view)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({ type: 'handover.acknowledge', handoverId: 'ho-1', payload: { itemIds: ['ho-1-2'] } })
    )
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // a marks all the open ones.
    key('g')
    key('a', screen.getByTestId('handover-incoming'))
    key('Enter', screen.getByTestId('handover-incoming'))
    await waitFor(() => expect(api.commands[1]?.payload).toEqual({ itemIds: ['ho-1-1', 'ho-1-2'] }))
  })

  it('in the incoming view g switches to handing over', () => {
    setup([makeIncident({ id: 'a', status: 'accepted' })], 'lead', {
      handovers: [
        {
          id: 'ho-2',
          version: 1,
          seq: 3,
          shiftId: 's',
          streetCode: '110101001',
          from: { userId: 'other', name: '王' },
          to: null,
          state: 'submitted',
          submittedAt: '2026-11-22T15:00:00Z',
          acknowledgedAt: null,
          summary: '',
          items: []
        }
      ]
    })
    key('g')
    expect(screen.getByTestId('handover-incoming')).toBeTruthy()
    key('g', screen.getByTestId('handover-incoming'))
    expect(screen.getByTestId('handover-note')).toBeTruthy()
  })
})
