// @vitest-environment jsdom
// The 日报 view (Shift+R) by keys alone: the day's figures from the figures table, the overdue list
// first, ←/→/t move the day, p and s print through printReport (the browser's print when the host
// cannot), keys ignored while an IME composes, and Shift+R from the metrics view.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { useUi } from '../../../src-renderer/console/ui-store'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import type { Incident, TimelineEntry } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus, resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const MIN = 60_000
const DAY = 86_400_000
const ago = (m: number): string => new Date(Date.now() - m * MIN).toISOString()
const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }
const entry = (action: string, m: number, to: Incident['status'], unitIds?: string[]): TimelineEntry => ({ at: ago(m), actor, action, to, ...(unitIds ? { unitIds } : {}) })

// Minutes ago, so both cases fall in today whenever the test runs (but the first minutes after midnight).
const late = makeIncident({
  id: 'late',
  code: 'DC-LATE-1',
  status: 'dispatched',
  reportedAt: ago(10),
  deadlineAt: ago(2),
  assignees: ['u1'],
  timeline: [entry('report', 10, 'reported'), entry('accept', 9, 'accepted'), entry('dispatch', 8, 'dispatched', ['u1'])]
})
const done = makeIncident({
  id: 'done',
  code: 'DC-DONE-1',
  status: 'closed',
  reportedAt: ago(9),
  deadlineAt: ago(-60),
  assignees: ['u1'],
  timeline: [entry('report', 9, 'reported'), entry('accept', 8, 'accepted'), entry('dispatch', 7, 'dispatched', ['u1']), entry('verify', 3, 'closed', ['u1'])]
})

/** The centre's calendar day (UTC+8, the fixtures' calendar) `shift` days from today. */
const centreDay = (shift: number): string => new Date(Date.now() + 8 * 60 * MIN + shift * DAY).toISOString().slice(0, 10)

const key = (k: string, extra: Record<string, unknown> = {}) => act(() => void fireEvent.keyDown(document.activeElement ?? window, { key: k, ...extra }))

function open(): FakeApi {
  const api = new FakeApi()
  for (const c of [late, done]) api.incidents.set(c.id, c)
  applySnapshot(makeSnapshot({ incidents: [summarize(late), summarize(done)], status: makeStatus({ user: { id: 'me', name: '赵值班长', role: 'lead' } }) }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  return api
}

beforeEach(resetSeat)
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('日报 view (Shift+R)', () => {
  it('shows the day’s figures by street and unit, and the overdue case first', async () => {
    open()
    act(() => void fireEvent.keyDown(window, { key: 'R', code: 'KeyR', shiftKey: true }))
    const view = await screen.findByTestId('daily-report')
    await waitFor(() => expect(within(view).getByTestId('daily-streets')).toBeTruthy())
    expect(view.getAttribute('data-day')).toBe(centreDay(0))
    const total = within(view).getByTestId('daily-streets').querySelector('tr[data-key="total"]')
    // 名称, 受理 2, 立案 2, 应结案 2, 结案 1, 按期结案 1, 超期 1, … 按期结案率 50.00%.
    expect([...(total?.querySelectorAll('td') ?? [])].map((td) => td.textContent).slice(1, 7)).toEqual(['2', '2', '2', '1', '1', '1'])
    expect(total?.textContent).toContain('50.00%')
    expect(within(view).getByTestId('daily-units').querySelector('tr[data-key="u1"]')).toBeTruthy()
    const overdue = within(view).getByTestId('daily-overdue')
    expect([...overdue.querySelectorAll('tr[data-code]')].map((tr) => tr.getAttribute('data-code'))).toEqual(['DC-LATE-1'])
    // The overdue list comes before the figures on the page.
    expect(overdue.compareDocumentPosition(within(view).getByTestId('daily-streets')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    // The printed copy is the same page, outside the app (print.css shows only it on paper).
    expect(document.querySelector('body > .daily-report-print')?.textContent).toContain('DC-LATE-1')
  })

  it('moves a day back and forth (not past today), back to today with t, and ignores keys while composing', async () => {
    open()
    act(() => void fireEvent.keyDown(window, { key: 'R', code: 'KeyR', shiftKey: true }))
    const view = await screen.findByTestId('daily-report')
    key('ArrowLeft')
    expect(view.getAttribute('data-day')).toBe(centreDay(-1))
    // Yesterday received nothing; the overdue list is 超期 now (the figure's §6 meaning), whatever the day.
    await waitFor(() => expect(within(view).getByTestId('daily-streets')).toBeTruthy())
    const total = within(view).getByTestId('daily-streets').querySelector('tr[data-key="total"]')
    expect(total?.querySelectorAll('td')[1]?.textContent).toBe('0')
    expect(within(view).getByTestId('daily-overdue').textContent).toContain('DC-LATE-1')
    key('ArrowLeft')
    expect(view.getAttribute('data-day')).toBe(centreDay(-2))
    key('ArrowLeft', { isComposing: true })
    expect(view.getAttribute('data-day')).toBe(centreDay(-2))
    key('ArrowRight')
    expect(view.getAttribute('data-day')).toBe(centreDay(-1))
    key('t')
    expect(view.getAttribute('data-day')).toBe(centreDay(0))
    key('ArrowRight')
    expect(view.getAttribute('data-day')).toBe(centreDay(0))
  })

  it('prints through printReport, falling back to the browser’s print where the host cannot', async () => {
    const api = open()
    const browserPrint = vi.spyOn(window, 'print').mockImplementation(() => undefined)
    act(() => void fireEvent.keyDown(window, { key: 'R', code: 'KeyR', shiftKey: true }))
    await screen.findByTestId('daily-report')
    key('p')
    await waitFor(() => expect(browserPrint).toHaveBeenCalledTimes(1))
    expect(api.printRequests).toEqual([{ kind: 'daily', action: 'print', day: centreDay(0) }])
    // Electron: saved where the user chose, said so; no browser print.
    api.printOutcome = { status: 'saved', path: '/home/lead/日报.pdf', bytes: 10 }
    key('s')
    expect(await screen.findByText(/日报已保存到 \/home\/lead\/日报\.pdf/)).toBeTruthy()
    expect(api.printRequests[1]).toEqual({ kind: 'daily', action: 'pdf', day: centreDay(0) })
    api.printOutcome = { status: 'failed', message: 'the PDF could not be saved to /ro/x.pdf: EACCES' }
    key('s')
    expect(await screen.findByText(/打印失败：.*EACCES/)).toBeTruthy()
    expect(browserPrint).toHaveBeenCalledTimes(1)
  })

  it('opens from the metrics view with Shift+R', async () => {
    open()
    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    await screen.findByTestId('metrics-view')
    key('R', { shiftKey: true })
    expect(useUi.getState().panel).toEqual({ kind: 'dailyReport' })
    expect(await screen.findByTestId('daily-report')).toBeTruthy()
  })
})
