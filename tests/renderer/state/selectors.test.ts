// Derived views: queue order, pending commands per case, overdue with clock skew, and queue speed at 50k.
import { beforeEach, describe, expect, it } from 'vitest'
import { applyDelta, applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import {
  compareQueueAt,
  isOverdue,
  selectOpenQueue,
  selectOverdue,
  selectPendingByIncident,
  timeLeftMs
} from '../../../src-renderer/state/selectors'
import { makeOutboxEntry, makeSnapshot, makeStatus, makeSummary } from '../fixtures'

beforeEach(() => resetConsoleStore())

describe('selectOpenQueue', () => {
  // The order itself is the domain's (tests/shared/domain/queue-order.test.ts); here: the store's
  // open cases come out in it, closed ones left out.
  it('puts urgent first, then the domain order (waiting longest for 受理 first), and leaves closed cases out', () => {
    applySnapshot(
      makeSnapshot({
        incidents: [
          makeSummary({ id: 'old-normal', reportedAt: '2026-11-22T01:00:00Z' }),
          makeSummary({ id: 'new-normal', reportedAt: '2026-11-22T03:00:00Z' }),
          makeSummary({ id: 'old-urgent', urgency: 'urgent', reportedAt: '2026-11-21T01:00:00Z' }),
          makeSummary({ id: 'new-urgent', urgency: 'urgent', reportedAt: '2026-11-22T02:00:00Z' }),
          makeSummary({ id: 'mid-important', urgency: 'important', reportedAt: '2026-11-22T02:00:00+08:00' }),
          makeSummary({ id: 'overdue', status: 'dispatched', reportedAt: '2026-11-22T00:00:00Z', deadlineAt: '2026-11-22T04:00:00Z' }),
          makeSummary({ id: 'closed', status: 'closed', urgency: 'urgent', reportedAt: '2026-11-22T04:00:00Z' }),
          makeSummary({ id: 'rejected', status: 'rejected', reportedAt: '2026-11-22T04:00:00Z' }),
          makeSummary({ id: 'merged', status: 'merged', reportedAt: '2026-11-22T04:00:00Z' })
        ]
      })
    )
    expect(selectOpenQueue(useConsole.getState(), Date.parse('2026-11-22T05:00:00Z')).map((i) => i.id)).toEqual([
      'old-urgent',
      'new-urgent',
      'overdue',
      // 02:00+08:00 is 18:00Z the day before; 重要 comes before 一般 among the cases waiting for 受理.
      'mid-important',
      'old-normal',
      'new-normal'
    ])
  })

  it('sorts again when a case changes step with time, without a delta', () => {
    applySnapshot(
      makeSnapshot({
        incidents: [
          makeSummary({ id: 'waiting', reportedAt: '2026-11-22T01:00:00Z' }),
          makeSummary({ id: 'dispatched', status: 'dispatched', deadlineAt: '2026-11-22T10:00:00Z' })
        ]
      })
    )
    const at = (iso: string) => selectOpenQueue(useConsole.getState(), Date.parse(iso)).map((i) => i.id)
    expect(at('2026-11-22T08:00:00Z')).toEqual(['waiting', 'dispatched'])
    expect(at('2026-11-22T08:59:59Z')).toEqual(['waiting', 'dispatched'])
    // An hour before its deadline it is due soon, and goes above the case waiting for 受理.
    expect(at('2026-11-22T09:00:00Z')).toEqual(['dispatched', 'waiting'])
  })

  it('is memoised on incidentsVersion and recomputed after a delta', () => {
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'a' })] }))
    const first = selectOpenQueue(useConsole.getState())
    expect(selectOpenQueue(useConsole.getState())).toBe(first)
    applyDelta({
      lastSeq: 11,
      incidents: [makeSummary({ id: 'a', version: 2, status: 'closed' })],
      removedIncidentIds: [],
      units: [],
      removedUnitIds: [],
      handovers: [],
      removedHandoverIds: []
    })
    const second = selectOpenQueue(useConsole.getState())
    expect(second).not.toBe(first)
    expect(second).toEqual([])
  })

  it('sorts 50,000 cases quickly', () => {
    const incidents = Array.from({ length: 50_000 }, (_, i) =>
      makeSummary({
        id: `i${i}`,
        urgency: i % 97 === 0 ? 'urgent' : 'normal',
        status: i % 5 === 0 ? 'closed' : 'reported',
        reportedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString()
      })
    )
    applySnapshot(makeSnapshot({ incidents }))
    const started = performance.now()
    const queue = selectOpenQueue(useConsole.getState())
    const elapsed = performance.now() - started
    expect(queue).toHaveLength(40_000)
    expect(queue[0]?.urgency).toBe('urgent')
    // A second read in the same step answers from the cache.
    expect(selectOpenQueue(useConsole.getState())).toBe(queue)
    // Generous for a shared 2-core machine; a quadratic sort would take seconds.
    expect(elapsed).toBeLessThan(400)
  })
})

describe('selectPendingByIncident', () => {
  it('groups outbox entries by case and skips entries without one', () => {
    const a1 = makeOutboxEntry({ incidentId: 'a' })
    const a2 = makeOutboxEntry({ incidentId: 'a', state: 'conflict' })
    const b = makeOutboxEntry({ incidentId: 'b', state: 'sending' })
    const handover = makeOutboxEntry()
    handover.command = { ...handover.command, type: 'handover.acknowledge', incidentId: undefined, handoverId: 'h1' }
    const map = selectPendingByIncident({ outbox: [a1, b, a2, handover] })
    expect(map.get('a')).toEqual([a1, a2])
    expect(map.get('b')).toEqual([b])
    expect(map.size).toBe(2)
  })
})

describe('overdue', () => {
  const now = Date.parse('2026-11-22T10:00:00Z')

  it('counts the deadline in hub time, using the clock skew', () => {
    const inc = makeSummary({ deadlineAt: '2026-11-22T10:00:30Z' })
    expect(isOverdue(inc, now)).toBe(false)
    applySnapshot(makeSnapshot({ status: makeStatus({ clockSkewMs: 60_000 }), incidents: [inc] }))
    expect(selectOverdue(useConsole.getState(), now).map((i) => i.id)).toEqual([inc.id])
    applySnapshot(makeSnapshot({ status: makeStatus({ clockSkewMs: 0 }), incidents: [inc] }))
    expect(selectOverdue(useConsole.getState(), now)).toEqual([])
  })

  it('freezes the clock of a suspended case and ignores closed ones and cases with no deadline', () => {
    const paused = makeSummary({
      status: 'suspended',
      deadlineAt: '2026-11-22T09:00:00Z',
      pausedAt: '2026-11-22T08:00:00Z'
    })
    expect(timeLeftMs(paused, now)).toBe(3_600_000)
    expect(isOverdue(makeSummary({ status: 'closed', deadlineAt: '2026-11-22T09:00:00Z' }), now)).toBe(false)
    expect(timeLeftMs(makeSummary({ deadlineAt: null }), now)).toBeNull()
  })
})

describe('selectOpenQueue ties', () => {
  it('puts the lower (older) case code first when two cases share a timestamp', () => {
    const at = '2026-11-22T05:00:00.000Z'
    applySnapshot(
      makeSnapshot({
        incidents: [
          makeSummary({ id: 'second', code: 'DC20261122-0002', reportedAt: at }),
          makeSummary({ id: 'first', code: 'DC20261122-0001', reportedAt: at })
        ]
      })
    )
    expect(selectOpenQueue(useConsole.getState()).map((i) => i.id)).toEqual(['first', 'second'])
  })
})

describe('selectOpenQueue patched incrementally', () => {
  const NOW = Date.parse('2026-11-22T06:00:00Z')
  it('matches a full sort after many random deltas', () => {
    let seed = 7
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const statuses = ['reported', 'accepted', 'dispatched', 'closed', 'rejected'] as const
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
    const make = (id: string, version: number) =>
      makeSummary({
        id,
        version,
        code: `C-${id}`,
        status: pick(statuses),
        urgency: rand() < 0.1 ? 'urgent' : rand() < 0.2 ? 'important' : 'normal',
        // Few distinct times, so ties are common and the code tie-break is exercised.
        reportedAt: new Date(Date.UTC(2026, 10, 22, 0, Math.floor(rand() * 20))).toISOString(),
        // Deadlines around NOW: overdue, due soon and on time all occur.
        deadlineAt: rand() < 0.3 ? null : new Date(NOW + Math.floor((rand() - 0.5) * 4 * 3_600_000)).toISOString()
      })
    applySnapshot(makeSnapshot({ incidents: Array.from({ length: 300 }, (_, i) => make(`i${i}`, 1)) }))
    selectOpenQueue(useConsole.getState(), NOW)
    for (let step = 0; step < 200; step++) {
      const upserts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => make(`i${Math.floor(rand() * 360)}`, 2 + step))
      const removed = rand() < 0.3 ? [`i${Math.floor(rand() * 360)}`] : []
      applyDelta({
        lastSeq: 100 + step,
        incidents: upserts,
        removedIncidentIds: removed,
        units: [],
        removedUnitIds: [],
        handovers: [],
        removedHandoverIds: []
      })
      // Skip some reads, so a patch sometimes spans several versions.
      if (rand() < 0.6) continue
      const state = useConsole.getState()
      const patched = selectOpenQueue(state, NOW).map((i) => i.id)
      const full = [...state.incidents.values()]
        .filter((i) => !['closed', 'rejected', 'merged'].includes(i.status))
        .sort(compareQueueAt(NOW))
        .map((i) => i.id)
      expect(patched).toEqual(full)
    }
  })
})
