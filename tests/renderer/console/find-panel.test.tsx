// @vitest-environment jsdom
// The find panel (/) beyond the store's live set: cases from the whole cache (the fake API's
// findIncidents) listed below the store's matches with their status, picked by keys alone, opened in
// the detail and reopened; the debounce, the latest query winning, Enter before the debounce, failures.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { extraRows, FIND_DEBOUNCE_MS } from '../../../src-renderer/console/panels/find-more'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import type { FindMatch, IncidentSummary } from '../../../src-shared/api'
import { summarize } from '../../../src-shared/api'
import type { Incident } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus, makeSummary , resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

/** Closed the day before: in the cache, not in the live set the snapshot hands over. */
const historic = makeIncident({
  id: 'old',
  code: 'DC20261121-0042',
  status: 'closed',
  version: 9,
  title: '井盖缺失',
  description: '东四北大街 3 号井盖缺失，已补装',
  updatedAt: '2026-11-21T09:00:00.000Z'
})

function setup(live: Incident[], cache: Incident[] = [historic]): FakeApi {
  const api = new FakeApi()
  for (const incident of [...live, ...cache]) api.incidents.set(incident.id, incident)
  api.cache = [...cache, ...live].map(summarize)
  applySnapshot(
    makeSnapshot({
      incidents: live.map(summarize),
      status: makeStatus({ user: { id: 'me', name: '赵值班长', role: 'lead' } })
    })
  )
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  return api
}

const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }))
const options = () => screen.queryAllByTestId('case-option').map((o) => o.getAttribute('data-id'))
const type = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } })

/** A findIncidents the test answers by hand, to hold one answer back while another comes. */
function deferredFinds(api: FakeApi) {
  const pending: { query: string; resolve: (cases: IncidentSummary[]) => void; reject: (err: Error) => void }[] = []
  api.findIncidents = (query, limit) => {
    api.finds.push([query, limit])
    return new Promise((resolve, reject) => pending.push({ query, resolve, reject }))
  }
  return pending
}

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('find (/) in the whole cache', () => {
  it('lists a case closed yesterday below the store’s matches, with its status; keys pick it, the detail opens, o reopens it', async () => {
    const api = setup([
      makeIncident({ id: 'today', code: 'DC20261122-0042', reportedAt: '2026-11-22T03:00:00Z' }),
      makeIncident({ id: 'other', code: 'DC20261122-0001' })
    ])
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '0042')
    // The store's own match at once; the cache's after the debounce.
    expect(options()).toEqual(['today'])
    await waitFor(() => expect(options()).toEqual(['today', 'old']))
    expect(api.finds).toEqual([['0042', 20]])
    expect(screen.getByTestId('find-more').textContent).toBe('本机缓存中的更多案件（含今日以前已办结的）')
    const row = screen.getAllByTestId('case-option')[1]
    if (!row) throw new Error('no second row')
    expect(within(row).getByText('已结案')).toBeTruthy()
    expect(within(row).getByText('DC20261121-0042')).toBeTruthy()
    expect(row.getAttribute('aria-selected')).toBe('false')

    key('ArrowDown', input)
    expect(screen.getAllByTestId('case-option')[1]?.getAttribute('aria-selected')).toBe('true')
    key('ArrowDown', input) // the last row stays highlighted
    key('Enter', input)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(useConsole.getState().selectedId).toBe('old')
    expect(useConsole.getState().incidents.get('old')).toEqual(summarize(historic))
    // The detail reads the full record with getIncident, as for any case.
    const detail = screen.getByTestId('detail')
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('井盖缺失')
    await screen.findByText('东四北大街 3 号井盖缺失，已补装')

    key('o')
    const reason = screen.getByRole('textbox')
    type(reason, '群众再次来电')
    key('Enter', reason)
    await waitFor(() =>
      expect(api.commands[0]).toEqual({ type: 'reopen', incidentId: 'old', expectedVersion: 9, payload: { reason: '群众再次来电' } })
    )
  })

  it('finds by title or address in the cache, which the store’s code lookup does not', async () => {
    setup([])
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '井盖')
    await waitFor(() => expect(options()).toEqual(['old']))
    key('Enter', screen.getByRole('textbox'))
    expect(useConsole.getState().selectedId).toBe('old')
  })

  it('does not ask the cache for one character, nor when the store fills the list', async () => {
    const live = Array.from({ length: 12 }, (_, i) => makeIncident({ id: `c${i}`, code: `DC20261122-${String(100 + i)}` }))
    const api = setup(live)
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '4')
    type(input, 'DC20261122')
    await new Promise((r) => setTimeout(r, FIND_DEBOUNCE_MS * 2))
    expect(api.finds).toEqual([])
    expect(options()).toHaveLength(10)
  })

  it('waits for a pause in typing, and the latest query wins over a late answer', async () => {
    const api = setup([])
    const pending = deferredFinds(api)
    key('/')
    const input = screen.getByRole('textbox')
    type(input, 'DC')
    type(input, 'DC2026')
    type(input, 'DC20261121')
    await waitFor(() => expect(api.finds).toEqual([['DC20261121', 20]]))
    type(input, 'DC20261121-00')
    await waitFor(() => expect(api.finds).toHaveLength(2))
    // The newer answer first, then the older one arrives late: it must not replace the list.
    const other = makeSummary({ id: 'other-old', code: 'DC20261121-0077', status: 'rejected' })
    await act(async () => pending[1]?.resolve([summarize(historic)]))
    await act(async () => pending[0]?.resolve([other]))
    expect(options()).toEqual(['old'])
  })

  it('Enter before the debounce asks the cache at once and goes to the exact code', async () => {
    const api = setup([])
    key('/')
    const input = screen.getByRole('textbox')
    type(input, 'dc20261121-0042')
    key('Enter', input)
    await waitFor(() => expect(useConsole.getState().selectedId).toBe('old'))
    expect(api.finds).toEqual([['dc20261121-0042', 20]])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says so when the cache cannot be searched, and keeps the panel usable', async () => {
    const api = setup([makeIncident({ id: 'today', code: 'DC20261122-0042' })])
    const pending = deferredFinds(api)
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '0042')
    await waitFor(() => expect(pending).toHaveLength(1))
    expect(screen.getByTestId('find-more').textContent).toBe('正在查找本机缓存中的更早案件…')
    await act(async () => pending[0]?.reject(new Error('carrier closed')))
    expect(screen.getByTestId('find-more').textContent).toBe('未能查找本机缓存中的更早案件，请稍后重试')
    key('Enter', input)
    expect(useConsole.getState().selectedId).toBe('today')
  })
})

describe('extraRows', () => {
  const store = new Map<string, IncidentSummary>()
  const a = makeSummary({ id: 'a', code: 'DC20261121-0042', status: 'closed', version: 3 })
  const b = makeSummary({ id: 'b', code: 'DC20261120-0042', status: 'rejected' })
  const c = makeSummary({ id: 'c', code: 'DC20261122-0042' })
  const byCode = (incident: IncidentSummary): FindMatch => ({ incident, matched: 'code', reporter: null })

  it('leaves out the rows already listed, keeps main’s order, and fits the room', () => {
    const answer = { query: '0042', cases: [c, a, b].map(byCode) }
    expect(extraRows(answer, '0042', [c], store, 10).map((s) => s.incident.id)).toEqual(['a', 'b'])
    expect(extraRows(answer, '0042', [c], store, 1).map((s) => s.incident.id)).toEqual(['a'])
    expect(extraRows(answer, '0042', [c], store, 0)).toEqual([])
    expect(extraRows(null, '0042', [], store, 10)).toEqual([])
  })

  it('shows the store’s copy when it is as new or newer, and only what still matches what is typed', () => {
    const newer = { ...a, status: 'reported' as const, version: 4 }
    const answer = { query: '0042', cases: [a, b].map(byCode) }
    expect(extraRows(answer, '0042', [], new Map([['a', newer]]), 10)[0]?.incident).toEqual(newer)
    // Typed on while the next answer is on its way: the earlier answer narrowed to the new query.
    expect(extraRows(answer, '21-0042', [], store, 10).map((s) => s.incident.id)).toEqual(['a'])
    // Fewer than two characters: no stale rows from a longer query.
    expect(extraRows(answer, '4', [], store, 10)).toEqual([])
  })
})

// Issue 16: 12345 call-backs find a case by its reporter's name or phone; each row says what matched.
describe('find (/) by reporter', () => {
  const caller = makeIncident({
    id: 'call',
    code: 'DC20261120-0007',
    status: 'closed',
    title: '噪音扰民',
    reporter: { name: '王秀英', phone: '139****5678' },
    updatedAt: '2026-11-20T09:00:00.000Z'
  })
  const labels = () => screen.queryAllByTestId('find-match').map((m) => [m.getAttribute('data-field'), m.textContent])
  const marks = () => screen.queryAllByTestId('find-match').map((m) => [...m.querySelectorAll('mark')].map((x) => x.textContent))

  it('finds by the last 4 digits of the phone, shows it masked with the typed digits marked, Enter opens it', async () => {
    const api = setup([], [caller, historic])
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '5678')
    await waitFor(() => expect(options()).toEqual(['call']))
    expect(labels()).toEqual([['phone', '电话 139****5678']])
    expect(marks()).toEqual([['5678']])
    // The middle digits are never shown: the cache does not hold them.
    expect(screen.getByTestId('find-match').textContent).not.toMatch(/1234/)
    key('Enter', input)
    expect(useConsole.getState().selectedId).toBe('call')
    expect(api.finds).toEqual([['5678', 20]])
  })

  it('finds by a full number typed with spaces or dashes, marking the first 3 and last 4 digits', async () => {
    setup([], [caller, historic])
    key('/')
    type(screen.getByRole('textbox'), '139-1234 5678')
    await waitFor(() => expect(options()).toEqual(['call']))
    expect(marks()).toEqual([['139', '5678']])
  })

  it('finds by part of the reporter’s name and says so', async () => {
    setup([], [caller, historic])
    key('/')
    type(screen.getByRole('textbox'), '秀英')
    await waitFor(() => expect(options()).toEqual(['call']))
    expect(labels()).toEqual([['reporter', '报告人 王秀英']])
    expect(marks()).toEqual([['秀英']])
  })

  it('says a code or title matched for the other rows', async () => {
    setup([makeIncident({ id: 'today', code: 'DC20261122-0042' })], [historic])
    key('/')
    type(screen.getByRole('textbox'), '井盖缺失')
    await waitFor(() => expect(options()).toEqual(['old']))
    expect(labels()).toEqual([['title', '标题 井盖缺失']])
  })

  it('one character or another person’s number finds no reporter', async () => {
    const api = setup([], [caller])
    key('/')
    const input = screen.getByRole('textbox')
    type(input, '王')
    // One character: no search while typing (Enter would ask), and nothing listed.
    await act(async () => new Promise((r) => setTimeout(r, FIND_DEBOUNCE_MS * 3)))
    expect(api.finds).toEqual([])
    expect(options()).toEqual([])
    type(input, '13812345678')
    await waitFor(() => expect(api.finds.length).toBe(1))
    expect(options()).toEqual([])
  })
})

