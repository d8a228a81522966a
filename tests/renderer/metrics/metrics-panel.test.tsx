// @vitest-environment jsdom
// The metrics view (q) by keys alone: the domain's figures by unit, the ranking, a drill from a unit's
// overdue count to its case, and Enter opening that case as the queue does.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { useUi } from '../../../src-renderer/console/ui-store'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import type { Incident, TimelineEntry } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus , resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const MIN = 60_000
const ago = (m: number): string => new Date(Date.now() - m * MIN).toISOString()
const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }
const entry = (action: string, m: number, to: Incident['status'], unitIds?: string[]): TimelineEntry => ({ at: ago(m), actor, action, to, ...(unitIds ? { unitIds } : {}) })

// Minutes ago, so the case is in today's period whenever the test runs (but the first minutes after midnight).
const overdue = makeIncident({
  id: 'late',
  code: 'DC-LATE-1',
  status: 'dispatched',
  reportedAt: ago(10),
  deadlineAt: ago(2),
  assignees: ['u1', 'u2'],
  timeline: [entry('report', 10, 'reported'), entry('accept', 9, 'accepted'), entry('dispatch', 8, 'dispatched', ['u1', 'u2'])]
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

const key = (k: string) => act(() => void fireEvent.keyDown(document.activeElement ?? window, { key: k }))

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('metrics view (q)', () => {
  it('shows the figures by unit, ranks them, drills from u2’s overdue count to its case and opens it', async () => {
    const api = new FakeApi()
    for (const c of [overdue, done]) api.incidents.set(c.id, c)
    applySnapshot(makeSnapshot({ incidents: [summarize(done)], status: makeStatus({ user: { id: 'me', name: '赵值班长', role: 'lead' } }) }))
    useConsole.setState({ reference: makeReference() })
    render(<ConsoleView api={api} />)

    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    const view = await screen.findByTestId('metrics-view')
    await waitFor(() => expect(within(view).getByTestId('metrics-table')).toBeTruthy())
    expect(within(view).getByTestId('metrics-period').textContent).toContain('今日')
    // Total: 2 received, 1 overdue now, 按期结案率 1 on time of 2 due = 50%.
    const total = view.querySelector('tr[data-key="total"]')
    expect(total?.querySelector('[data-col="received"]')?.textContent).toBe('2')
    expect(total?.querySelector('[data-col="overdueNow"]')?.textContent).toBe('1')
    expect(total?.querySelector('[data-col="onTime"]')?.textContent).toBe('50.00%')

    key('4') // by unit
    await waitFor(() => expect(view.querySelector('tr[data-key="u2"]')).toBeTruthy())
    expect(within(view).getByTestId('metrics-ranking').textContent).toContain('按期结案率最高')
    expect(view.textContent).toContain('计入每个单位')
    key('j') // u1 → u2
    for (let i = 0; i < 6; i++) key('l') // received → overdueNow
    expect(view.querySelector('.metrics__cell--on')?.getAttribute('data-col')).toBe('overdueNow')
    key('Enter')
    const drill = await screen.findByTestId('metrics-drill')
    await waitFor(() => expect(within(drill).getAllByTestId('metrics-case').map((li) => li.textContent)).toEqual([expect.stringContaining('DC-LATE-1')]))
    key('Enter')
    expect(useUi.getState().panel).toBeNull()
    expect(useConsole.getState().selectedId).toBe('late')
    // Opened from the cache: the store now holds it, as the find panel does.
    expect(useConsole.getState().incidents.has('late')).toBe(true)
  })

  it('sorts by a column and refuses to drill into a rate', async () => {
    const api = new FakeApi()
    for (const c of [overdue, done]) api.incidents.set(c.id, c)
    applySnapshot(makeSnapshot({ incidents: [], status: makeStatus() }))
    render(<ConsoleView api={api} />)
    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    const view = await screen.findByTestId('metrics-view')
    await waitFor(() => expect(within(view).getByTestId('metrics-table')).toBeTruthy())
    for (let i = 0; i < 12; i++) key('l') // → 按期结案率
    key('s')
    expect(view.querySelector('th[aria-sort="descending"]')?.textContent).toContain('按期结案率')
    key('Enter')
    expect(screen.getByRole('alert').textContent).toBe('此列是比率，请在计数列上按 Enter')
  })

  it('7 shows the figures by grid type (issue 14); the other digits keep their dimensions', async () => {
    const api = new FakeApi()
    for (const c of [overdue, done]) api.incidents.set(c.id, c)
    applySnapshot(makeSnapshot({ incidents: [], status: makeStatus() }))
    render(<ConsoleView api={api} />)
    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    const view = await screen.findByTestId('metrics-view')
    await waitFor(() => expect(within(view).getByTestId('metrics-table')).toBeTruthy())
    key('7')
    expect(view.querySelector('.metrics__tab--on')?.textContent).toContain('网格类型')
    // The reference types no grid here: both cases are in the untyped row, which is the whole total.
    await waitFor(() => expect(view.querySelector('tr[data-key="untyped"] [data-col="received"]')?.textContent).toBe('2'))
    key('8') // no eighth dimension: nothing changes
    expect(view.querySelector('.metrics__tab--on')?.textContent).toContain('网格类型')
  })

  it('x exports the period’s cases as CSV through the api and downloads it', async () => {
    const api = new FakeApi()
    applySnapshot(makeSnapshot({ incidents: [], status: makeStatus() }))
    render(<ConsoleView api={api} />)
    const blobs: Blob[] = []
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:csv'))
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    await screen.findByTestId('metrics-table')
    key('x')
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1))
    expect(api.exports).toHaveLength(1)
    expect(api.exports[0]?.by).toBe('street')
    // The byte-order mark survives into the file (Blob.text() would decode it away: read the bytes).
    const bytes = new Uint8Array((await blobs[0]?.arrayBuffer()) ?? new ArrayBuffer(0))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toBe('案件编号\r\nDC-1\r\n')
    click.mockRestore()
  })
})

describe('metrics view charts', () => {
  it('asks the core for today’s charts by category and shows the trend and category charts, named in the locale', async () => {
    const api = new FakeApi()
    for (const c of [overdue, done]) api.incidents.set(c.id, c)
    const asked: string[] = []
    const charts = api.getFigureCharts
    api.getFigureCharts = async (q) => {
      asked.push(q.by)
      return charts(q)
    }
    applySnapshot(makeSnapshot({ incidents: [summarize(done)], status: makeStatus({ user: { id: 'me', name: '赵值班长', role: 'lead' } }) }))
    useConsole.setState({ reference: makeReference() })
    render(<ConsoleView api={api} />)
    act(() => void fireEvent.keyDown(window, { key: 'q' }))
    const trend = await screen.findByTestId('metrics-trend')
    expect(trend.getAttribute('aria-label')).toBe('每小时受理与结案')
    expect(screen.getByTestId('metrics-by-category').getAttribute('aria-label')).toBe('按类别（前 10 类）')
    expect(asked).toEqual(['category'])
    const answer = await charts({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), by: 'category' })
    expect(answer.categories.reduce((n, c) => n + c.received, 0)).toBe(2)
  })
})
