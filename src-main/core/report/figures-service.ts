// The running console's figures (ConsoleApi getFigures / listFigureCases): the same figures table as
// the CLI and the exports, over the console's own cache, on the hub's clock.
import { summarize, type FiguresQuery, type IncidentSummary } from '../../../src-shared/api'
import { casesBehind, figureCharts, gridTypeLookup, type FigureCharts, type FigureCount, type FiguresTable } from '../../../src-shared/domain'
import type { Store } from '../store'
import { readCaseFactsFor, readIncidentsFor } from './cache-reader'
import { casesCsv, casesReceivedIn } from './case-exports'
import { buildFigures, offsetOf, type ReportData } from './figures-report'

async function dataFor(store: Store, q: FiguresQuery): Promise<ReportData> {
  const { incidents } = await readIncidentsFor(store.db, Date.parse(q.from), Date.parse(q.to))
  return { incidents, units: await store.listUnits(), reference: await store.getReference() }
}

/** The period's case facts (case-facts.ts): all the figures table and the cases CSV read. */
async function factsDataFor(store: Store, q: FiguresQuery) {
  const { incidents } = await readCaseFactsFor(store.db, Date.parse(q.from), Date.parse(q.to))
  return { incidents, units: await store.listUnits(), reference: await store.getReference() }
}

const periodOf = (q: FiguresQuery): { from: Date; to: Date } => ({ from: new Date(q.from), to: new Date(q.to) })

export async function figuresFor(store: Store, q: FiguresQuery, nowMs: number): Promise<FiguresTable> {
  return buildFigures(await factsDataFor(store, q), periodOf(q), q.by, nowMs)
}

export async function figureCasesFor(
  store: Store,
  q: FiguresQuery,
  drill: { key: string; figure: FigureCount },
  nowMs: number
): Promise<IncidentSummary[]> {
  const data = await dataFor(store, q)
  const ids = new Set(casesBehind(data.incidents, periodOf(q), q.by, drill.key, drill.figure, { nowMs, offsetMinutes: offsetOf(data), gridTypeOf: gridTypeLookup(data.reference) }))
  return data.incidents.filter((c) => ids.has(c.id)).map(summarize)
}

/** The metrics view's trend (per hour or day) and category charts for the query's period. */
export async function chartsFor(store: Store, q: FiguresQuery): Promise<FigureCharts> {
  const data = await dataFor(store, q)
  return figureCharts(data.incidents, periodOf(q), offsetOf(data))
}

/** The cases received in the query's period as CSV, the same bytes as `npm run report -- --cases`. */
export async function casesCsvFor(store: Store, q: FiguresQuery): Promise<string> {
  const data = await factsDataFor(store, q)
  return casesCsv(casesReceivedIn(data.incidents, Date.parse(q.from), Date.parse(q.to)), offsetOf(data))
}
