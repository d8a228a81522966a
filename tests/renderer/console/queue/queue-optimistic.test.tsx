// @vitest-environment jsdom
// The queue row shows the case as the detail does (issue 16): a queued 立案 reads 已立案（待发送） in the
// row too, not the hub's 待受理 beside a 待发送 mark; a held command is not shown as done; after a reload
// with commands waiting, the row projects as soon as the reference has arrived.
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../../src-renderer/console/ConsoleView'
import { selectFilterCounts, selectVisibleQueue } from '../../../../src-renderer/console/queue/queue-view'
import { applySnapshot, useConsole } from '../../../../src-renderer/state/console-store'
import type { OutboxEntry, Snapshot } from '../../../../src-shared/api'
import { FakeApi, makeOutboxEntry, makeReference, makeSnapshot, makeStatus, makeSummary, makeUnit, resetSeat } from '../../fixtures'

vi.mock('../../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const unit = makeUnit({ id: 'u-san', name: '环卫所', categories: ['0102'] })

function setup(outbox: OutboxEntry[], over: Partial<Snapshot> = {}, withReference = true): void {
  applySnapshot(
    makeSnapshot({
      status: makeStatus({ connection: 'offline' }),
      incidents: [makeSummary({ id: 'a', status: 'reported', version: 1 }), makeSummary({ id: 'b', status: 'reported', version: 1 })],
      units: [unit],
      outbox,
      ...over
    })
  )
  useConsole.setState({ reference: withReference ? makeReference() : null })
  render(<ConsoleView api={new FakeApi()} />)
}

const statusOf = (id: string) => screen.getAllByTestId('queue-row').find((r) => r.getAttribute('data-id') === id)?.querySelector('.status')

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('the queue row and the optimistic view', () => {
  it('a queued 立案 reads 已立案（待发送） in its row; the other case keeps its own status', () => {
    setup([makeOutboxEntry({ incidentId: 'a', state: 'queued' })])
    expect(statusOf('a')?.textContent).toBe('已立案（待发送）')
    expect(statusOf('a')?.className).toContain('status--pending')
    expect(statusOf('b')?.textContent).toBe('待受理')
  })

  it('a held 立案 is not shown as done: the row says what the hub holds', () => {
    setup([makeOutboxEntry({ incidentId: 'a', state: 'conflict' })])
    expect(statusOf('a')?.textContent).toBe('待受理')
    expect(statusOf('a')?.className).not.toContain('status--pending')
  })

  it('after a reload the row projects once the reference arrives (it came after the outbox)', () => {
    setup([makeOutboxEntry({ incidentId: 'a', state: 'queued' })], {}, false)
    expect(statusOf('a')?.textContent).toBe('待受理')
    act(() => useConsole.setState({ reference: makeReference() }))
    expect(statusOf('a')?.textContent).toBe('已立案（待发送）')
  })

  it('the header counts and filter 2 follow the optimistic view: a 立案 queued offline is no longer 待受理', () => {
    setup([makeOutboxEntry({ incidentId: 'a', state: 'queued' })])
    const state = useConsole.getState()
    expect(selectFilterCounts(state).awaiting).toBe(1)
    expect(selectVisibleQueue(state, 'awaiting').map((i) => i.id)).toEqual(['b'])
    expect(screen.getByText('待受理 1', { exact: false })).toBeTruthy()
    // Held by the hub: the hub's 待受理 counts again.
    act(() => useConsole.setState({ outbox: [makeOutboxEntry({ incidentId: 'a', state: 'conflict' })] }))
    expect(selectFilterCounts(useConsole.getState()).awaiting).toBe(2)
  })
})
