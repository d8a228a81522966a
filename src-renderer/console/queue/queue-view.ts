// What the queue shows: the filter chosen (keys 1–5 or the header's counts), the cases it keeps in
// the domain's order, the counts per filter, and the jumps (Home, End, ], [). The rules themselves
// (order, filters, jumps) live in src-shared/domain/queue-order.ts; this file only applies them to
// the store, memoised so a 50,000-case queue is filtered once per change, not once per second.
import { create } from 'zustand'
import type { IncidentSummary } from '../../../src-shared/api'
import {
  matchesQueueFilter,
  queueFilterCounts,
  queueJumpIndex,
  type QueueFilter,
  type QueueJump,
  type QueueSeat
} from '../../../src-shared/domain/queue-order'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole, type ConsoleState } from '../../state/console-store'
import { selectProjectedCase } from '../../state/optimistic'
import { hubNow, selectOpenQueue } from '../../state/selectors'

export const useQueueView = create<{ filter: QueueFilter }>()(() => ({ filter: 'all' }))

export const FILTER_LABEL: Record<QueueFilter, MessageKey> = {
  all: 'queue.filter.all',
  awaiting: 'queue.filter.awaiting',
  overdue: 'queue.filter.overdue',
  mine: 'queue.filter.mine',
  streets: 'queue.filter.streets'
}

type QueueState = Pick<ConsoleState, 'incidents' | 'incidentsVersion' | 'status' | 'outbox' | 'reference' | 'units'>

export function seatOf(state: Pick<ConsoleState, 'status'>): QueueSeat {
  return { consoleId: state.status?.consoleId ?? null, userId: state.status?.user?.id ?? null, streets: state.status?.scopeStreets ?? [] }
}

const seatKey = (seat: QueueSeat): string => `${seat.consoleId ?? ''}|${seat.userId ?? ''}|${seat.streets.join(',')}`

// The open queue keeps its array until a case changes or changes step (overdue, due soon): so a
// filter's result and the counts, which change only then too, are memoised on that array.
let projected: { queue: IncidentSummary[]; outbox: ConsoleState['outbox']; result: IncidentSummary[] } | null = null

/**
 * The open queue as the seat sees it (issue 16): a case with commands waiting to be sent counts and
 * filters as the optimistic view shows it (a 立案 queued offline is no longer 待受理 in the header's
 * count or under filter 2), in the hub's order. The same array when nothing waits, so memos hold.
 */
function seatQueue(state: QueueState, hubNowMs: number): IncidentSummary[] {
  const queue = selectOpenQueue(state, hubNowMs)
  if (state.outbox.length === 0) return queue
  if (projected && projected.queue === queue && projected.outbox === state.outbox) return projected.result
  const waiting = new Set(state.outbox.map((e) => e.command.incidentId))
  const result = queue.map((i) => (waiting.has(i.id) ? (selectProjectedCase(state, i.id)?.summary ?? i) : i))
  projected = { queue, outbox: state.outbox, result }
  return result
}

let filtered: { queue: IncidentSummary[]; filter: QueueFilter; seat: string; result: IncidentSummary[] } | null = null
let counted: { queue: IncidentSummary[]; seat: string; result: Record<QueueFilter, number> } | null = null

/** The open cases the chosen filter keeps, in queue order, at hub time `hubNowMs`. */
export function selectVisibleQueue(state: QueueState, filter: QueueFilter, hubNowMs: number = hubNow(state.status?.clockSkewMs)): IncidentSummary[] {
  const queue = seatQueue(state, hubNowMs)
  if (filter === 'all') return queue
  const seat = seatOf(state)
  const key = seatKey(seat)
  if (filtered && filtered.queue === queue && filtered.filter === filter && filtered.seat === key) return filtered.result
  const result = queue.filter((i) => matchesQueueFilter(i, filter, seat, hubNowMs))
  filtered = { queue, filter, seat: key, result }
  return result
}

/** How many open cases each filter keeps (the header). */
export function selectFilterCounts(state: QueueState, hubNowMs: number = hubNow(state.status?.clockSkewMs)): Record<QueueFilter, number> {
  const queue = seatQueue(state, hubNowMs)
  const seat = seatOf(state)
  const key = seatKey(seat)
  if (counted && counted.queue === queue && counted.seat === key) return counted.result
  const result = queueFilterCounts(queue, seat, hubNowMs)
  counted = { queue, seat: key, result }
  return result
}

/** The queue as the seat sees it now (the filter chosen), for moves and jumps. */
export function currentQueue(): IncidentSummary[] {
  return selectVisibleQueue(useConsole.getState(), useQueueView.getState().filter)
}

/**
 * Choose a filter; the selection stays when the case is still listed, else the first case of the
 * filtered list is selected (so the next key acts on what the dispatcher now sees).
 */
export function setQueueFilter(filter: QueueFilter): void {
  useQueueView.setState({ filter })
  const state = useConsole.getState()
  const queue = currentQueue()
  if (state.selectedId !== null && queue.some((i) => i.id === state.selectedId)) return
  const first = queue[0]
  if (first) state.select(first.id)
}

/** Jump in the filtered queue; returns the message to flash when there is nowhere to go, else null. */
export function jumpInQueue(to: QueueJump): string | null {
  const state = useConsole.getState()
  const queue = currentQueue()
  const from = state.selectedId === null ? -1 : queue.findIndex((i) => i.id === state.selectedId)
  const index = queueJumpIndex(queue, from, to, hubNow(state.status?.clockSkewMs))
  const target = index === null ? undefined : queue[index]
  if (target) {
    state.select(target.id)
    return null
  }
  if (to === 'nextOverdue') return t('queue.jump.none.overdue')
  if (to === 'nextAwaiting') return t('queue.jump.none.awaiting')
  return null
}

/** Reset between tests and on a new seat. */
export function resetQueueView(): void {
  useQueueView.setState({ filter: 'all' })
  filtered = null
  counted = null
  projected = null
}
