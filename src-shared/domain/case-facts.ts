// A case's facts: what the §6 figures (metrics.ts), the figures table (metrics-table.ts) and the case
// exports (case-record.ts) read of a case, with its times as integer ms and its log reduced to the
// entries that can count — each classified ONCE here (accept, dispatch, close, rework, …). The figures
// are defined over facts; an Incident is turned into facts on the way in. The console cache keeps each
// case's facts beside it, written with the case (src-main/core/case-facts.ts), so a month's figures
// read neither the case's JSON nor its timeline's ISO text.
import type { Incident, IncidentStatus, TimelineEntry, Urgency } from '../protocol'

/** How a log entry counts. Entries of other actions matter only for the units they name (FACT.other). */
export const FACT = {
  other: 0,
  accept: 1,
  dispatch: 2,
  sign: 3,
  urge: 4,
  return: 5,
  extend: 6,
  escalate: 7,
  reopen: 8,
  /** verify → closed: a close (核查通过). */
  close: 9,
  /** verify → dispatched: rework (返工) back to the street's units; puts the case into dispatched. */
  reworkBack: 10,
  /** verify → escalated: rework by the district department that settled the case (rev 1.3). */
  reworkUp: 11
} as const
export type FactKind = (typeof FACT)[keyof typeof FACT]
const KINDS: ReadonlySet<number> = new Set(Object.values(FACT))
export const isFactKind = (n: unknown): n is FactKind => typeof n === 'number' && KINDS.has(n)

/** What the figures read of a case: its identity, place, state, times and the entries that count. */
export type MetricFacts = {
  readonly id: string
  readonly status: IncidentStatus
  readonly gridCode: string
  readonly reportedMs: number
  readonly deadlineMs: number | null
  readonly pausedMs: number | null
  readonly assignees: readonly string[]
  /**
   * The counting entries, in log order, as flat triples (one array, not three: a month's figures hold
   * ~100,000 cases in memory): entry i is kind entries[3i] (a FactKind) at entries[3i + 1] (ms), naming
   * the units unitSets[entries[3i + 2] - 1] (0: none). `entryCount` gives the number of entries.
   */
  readonly entries: readonly number[]
  /** The distinct unit lists the entries name, each once. */
  readonly unitSets: readonly (readonly string[])[]
}

/** MetricFacts plus what the figures table groups by and the case exports print. */
export type CaseFacts = MetricFacts & { readonly code: string; readonly urgency: Urgency; readonly categoryCode: string }

/** What facts are taken from: an Incident, or any case with the figures' fields. */
export type FactsSource = Pick<Incident, 'id' | 'status' | 'gridCode' | 'reportedAt' | 'deadlineAt' | 'pausedAt' | 'assignees' | 'timeline'>

export function factKindOf(e: Pick<TimelineEntry, 'action' | 'to'>): FactKind {
  switch (e.action) {
    case 'accept':
      return FACT.accept
    case 'dispatch':
      return FACT.dispatch
    case 'sign':
      return FACT.sign
    case 'urge':
      return FACT.urge
    case 'return':
      return FACT.return
    case 'extend':
      return FACT.extend
    case 'escalate':
      return FACT.escalate
    case 'reopen':
      return FACT.reopen
    case 'verify':
      return e.to === 'closed' ? FACT.close : e.to === 'dispatched' ? FACT.reworkBack : e.to === 'escalated' ? FACT.reworkUp : FACT.other
    default:
      return FACT.other
  }
}

const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso))

/** The facts of a case: every entry that counts or names a unit, in log order. */
export function metricFactsOf(c: FactsSource): MetricFacts {
  const entries: number[] = []
  const unitSets: string[][] = []
  const setIndex = new Map<string, number>()
  for (const e of c.timeline) {
    const kind = factKindOf(e)
    const ids = e.unitIds ?? []
    if (kind === FACT.other && ids.length === 0) continue // counts for nothing and names no unit
    let u = 0
    if (ids.length > 0) {
      const key = ids.join('\u0000')
      u = setIndex.get(key) ?? 0
      if (u === 0) {
        unitSets.push([...ids])
        u = unitSets.length
        setIndex.set(key, u)
      }
    }
    entries.push(kind, Date.parse(e.at), u)
  }
  return {
    id: c.id,
    status: c.status,
    gridCode: c.gridCode,
    reportedMs: Date.parse(c.reportedAt),
    deadlineMs: msOrNull(c.deadlineAt),
    pausedMs: msOrNull(c.pausedAt),
    assignees: c.assignees,
    entries,
    unitSets
  }
}

export function caseFactsOf(c: FactsSource & Pick<Incident, 'code' | 'urgency' | 'categoryCode'>): CaseFacts {
  return { ...metricFactsOf(c), code: c.code, urgency: c.urgency, categoryCode: c.categoryCode }
}

export const isFacts = <F extends MetricFacts>(c: F | FactsSource): c is F => 'entries' in c

// Facts of cases handed in as incidents, kept while the incident lives: a report computes ~5 groups.
const memo = new WeakMap<object, MetricFacts>()

/** The facts of a case given as facts or as an incident (converted once per incident object). */
export function factsOf(c: MetricFacts | FactsSource): MetricFacts {
  if (isFacts(c)) return c
  let f = memo.get(c)
  if (!f) {
    f = metricFactsOf(c)
    memo.set(c, f)
  }
  return f
}

/** The number of entries (triples) in the facts. */
export const entryCount = (f: MetricFacts): number => f.entries.length / 3
/** Entry i's kind, time (ms) and unit set (0: none). */
export const kindAt = (f: MetricFacts, i: number): FactKind => (f.entries[3 * i] ?? FACT.other) as FactKind
export const timeAt = (f: MetricFacts, i: number): number => f.entries[3 * i + 1] ?? Number.NaN

/** Whether the entry at `i` names `unitId`. */
export const namesUnit = (f: MetricFacts, i: number, unitId: string): boolean => {
  const u = f.entries[3 * i + 2] ?? 0
  return u !== 0 && (f.unitSets[u - 1]?.includes(unitId) ?? false)
}

/** Units a case concerns up to `to`: its current assignees, then every unit its log names before `to`. */
export function unitsConcerned(f: MetricFacts, to: number): string[] {
  const ids = new Set(f.assignees)
  const e = f.entries
  for (let j = 0; j + 2 < e.length; j += 3) {
    const u = e[j + 2] ?? 0
    if (u !== 0 && (e[j + 1] ?? Infinity) < to) for (const id of f.unitSets[u - 1] ?? []) ids.add(id)
  }
  return [...ids]
}
