// @vitest-environment jsdom
// Offline work in the console (issue 16): a queued 立案 shows 已立案（待发送） and lets `d` open the
// dispatch picker; a held command rolls the case back with a flash saying what and why (never 已提交);
// the held command names who got there first; the offline banner; presence marked stale.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { offlineBannerModel, presenceIsStale } from '../../../src-renderer/console/OfflineBanner'
import { newlyHeld } from '../../../src-renderer/console/rollback-watch'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import type { OutboxEntry, Snapshot } from '../../../src-shared/api'
import { FakeApi, makeIncident, makeOutboxEntry, makeReference, makeSnapshot, makeStatus, makeSummary, makeUnit, resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }))
const unit = makeUnit({ id: 'u-san', name: '环卫所', categories: ['0102'] })

function setup(over: Partial<Snapshot> = {}): FakeApi {
  const api = new FakeApi()
  applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'a', status: 'reported', version: 1 })], units: [unit], ...over }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  return api
}

function acceptEntry(state: OutboxEntry['state'] = 'queued'): OutboxEntry {
  return makeOutboxEntry({ incidentId: 'a', state })
}

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('the optimistic view in the console', () => {
  it('a queued 立案 shows 已立案（待发送） and `d` opens the dispatch picker on the accept version', async () => {
    const api = setup({ status: makeStatus({ connection: 'offline' }), outbox: [acceptEntry()] })
    key('j')
    expect(screen.getByTestId('detail-status').textContent).toBe('已立案（待发送）')
    key('d')
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getAllByTestId('picker-row').length).toBeGreaterThan(0)
    key(' ')
    fireEvent.keyDown(document.activeElement ?? window, { key: 'Enter' })
    await waitFor(() => expect(api.commands.length).toBe(1))
    expect(api.commands[0]).toMatchObject({ type: 'dispatch', incidentId: 'a', expectedVersion: 2 })
  })

  it('a queued 派遣 shows its unit as 待发送 in the detail, not the hub\'s 未派遣', async () => {
    const api = new FakeApi()
    api.incidents.set('a', makeIncident({ id: 'a', status: 'reported', version: 1 }))
    const dispatch = makeOutboxEntry({ incidentId: 'a' })
    const queued: OutboxEntry = { ...dispatch, command: { ...dispatch.command, type: 'dispatch', expectedVersion: 2, payload: { unitIds: ['u-san'] } } }
    applySnapshot(makeSnapshot({ status: makeStatus({ connection: 'offline' }), incidents: [makeSummary({ id: 'a', status: 'reported', version: 1 })], units: [unit], outbox: [acceptEntry(), queued] }))
    useConsole.setState({ reference: makeReference() })
    render(<ConsoleView api={api} />)
    key('j')
    expect(screen.getByTestId('detail-status').textContent).toBe('已派遣（待发送）')
    await waitFor(() => expect(screen.getByTestId('detail-assignees').textContent).toBe('环卫所（待发送）'))
  })

  it('without the pending 立案 the same key is refused (the one rule reads the real status)', () => {
    setup({ status: makeStatus({ connection: 'offline' }) })
    key('j')
    expect(screen.getByTestId('detail-status').textContent).toBe('待受理')
    key('d')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('a held 立案 rolls back visibly: real status again, a flash with what and why, not 已提交', async () => {
    setup({ status: makeStatus({ connection: 'online' }), outbox: [acceptEntry()] })
    key('j')
    expect(screen.getByTestId('detail-status').textContent).toBe('已立案（待发送）')
    const held: OutboxEntry = {
      ...acceptEntry('conflict'),
      command: useConsole.getState().outbox[0]!.command,
      error: { code: 'illegal_transition', message: 'not allowed' },
      current: makeIncident({
        id: 'a',
        status: 'dispatched',
        version: 3,
        timeline: [
          { at: '2026-11-22T06:05:00.000Z', actor: { id: 'sim', name: '值班调度（模拟）', role: 'dispatcher' }, action: 'dispatch', from: 'accepted', to: 'dispatched' }
        ]
      })
    }
    act(() => useConsole.setState({ outbox: [held] }))
    expect(screen.getByTestId('detail-status').textContent).toBe('待受理')
    const flash = screen.getByTestId('flash').textContent ?? ''
    expect(flash).toContain('已撤回“立案”')
    expect(flash).toContain('已派遣')
    expect(flash).not.toContain('已提交')
    // Who got there first, in the centre's time (UTC+8), and the sensible next step: drop it.
    expect(screen.getByTestId('conflict-story').textContent).toContain('值班调度（模拟） 14:05:00 已派遣')
    expect(screen.getByTestId('conflict-next').textContent).toContain('按 x 放弃')
    // Only that step: not the generic "x 放弃；s 重新提交" beside it, which would contradict it.
    expect(document.querySelector('.held__what')).toBeNull()
  })

  it('newlyHeld finds only entries that went from pending to held', () => {
    const a = acceptEntry()
    const b = acceptEntry('conflict')
    expect(newlyHeld([a, b], [{ ...a, state: 'failed' }, b]).map((e) => e.command.commandId)).toEqual([a.command.commandId])
    expect(newlyHeld([a], [a])).toEqual([])
  })
})

describe('offline banner and stale presence', () => {
  it('the model: none online, level, time since contact and waiting commands otherwise', () => {
    const now = Date.parse('2026-11-22T01:02:00.000Z')
    const outbox = [{ state: 'queued' as const }, { state: 'sending' as const }, { state: 'conflict' as const }]
    expect(offlineBannerModel('online', null, outbox, now)).toBeNull()
    expect(offlineBannerModel('connecting', null, outbox, now)).toBeNull()
    expect(offlineBannerModel('offline', '2026-11-22T01:00:00.000Z', outbox, now)).toEqual({ level: 'offline', sinceContactMs: 120_000, waiting: 2 })
    expect(offlineBannerModel('degraded', null, [], now)).toEqual({ level: 'degraded', sinceContactMs: null, waiting: 0 })
    expect(offlineBannerModel('degraded', 'garbage', [], now)?.sinceContactMs).toBeNull()
  })

  it('shows the banner offline with the waiting count, hides it online; seats marked stale offline', () => {
    const presence = { consoles: [{ consoleId: 'c1', user: { id: 'u1', name: 'Li', role: 'dispatcher' as const }, role: 'dispatcher' as const, claimed: [] }] }
    setup({ status: makeStatus({ connection: 'offline' }), outbox: [acceptEntry()], presence })
    const banner = screen.getByTestId('offline-banner')
    expect(banner.getAttribute('data-level')).toBe('offline')
    expect(banner.textContent).toContain('离线')
    expect(banner.textContent).toContain('1 条命令待发送')
    expect(screen.getByTestId('seats').textContent).toBe('在线坐席（1，已过时）')
    act(() => useConsole.setState((s) => ({ status: s.status && { ...s.status, connection: 'online' } })))
    expect(screen.queryByTestId('offline-banner')).toBeNull()
    expect(screen.getByTestId('seats').textContent).toBe('在线坐席 1')
    expect(presenceIsStale('online', false)).toBe(true)
    expect(presenceIsStale('degraded', true)).toBe(true)
    expect(presenceIsStale('online', true)).toBe(false)
  })
})
