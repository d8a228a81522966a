// Catch-up paging (docs/protocol.md, `sync`): reads each answer as it arrives, applies pages in
// order with at most one asked for ahead, and stops on reset loops, refusals or no progress.
import { SyncAnswer, Seq, describeIssues } from '../../src-shared/protocol'
import { type RequestOutcome } from './hub-link'
import { type Log } from './log'
import { type ApplyResult, type Store } from './store'
import { type LinkStatus } from './sync-options'
import { type Screened, screenBatch } from './validate-changes'

/** A sync answer as read on arrival: a page screened change by change, or why there is none. */
export type PageRead =
  | { kind: 'page'; changes: readonly unknown[]; headSeq: number; more: boolean; screened: Screened }
  | { kind: 'reset' }
  | { kind: 'lost' }
  | { kind: 'bad'; reason: string }
  | { kind: 'refused'; code: string; message: string }

/** The seq the hub gave the last change of a page, when it is a usable one (even if the change is refused). */
function lastRawSeq(changes: readonly unknown[]): number | null {
  const last = changes.at(-1)
  const seq = typeof last === 'object' && last !== null ? (last as { seq?: unknown }).seq : undefined
  return Seq.safeParse(seq).success ? (seq as number) : null
}

/**
 * Reads a sync answer as soon as it arrives: the answer's schema and every change's screening run
 * then, while the page before it may still be in SQLite's hands (the driver works on its own
 * thread), instead of after that page is written.
 */
export function readPage(out: RequestOutcome, scope: ReadonlySet<string> | null): PageRead {
  if (out.kind !== 'answer') return { kind: 'lost' }
  const answer = SyncAnswer.safeParse(out.value)
  if (!answer.success) return { kind: 'bad', reason: describeIssues(answer.error) }
  const a = answer.data
  if (!a.ok) return { kind: 'refused', code: a.error.code, message: a.error.message }
  if (a.reset === true) return { kind: 'reset' }
  return { kind: 'page', changes: a.changes, headSeq: a.headSeq, more: a.more, screened: screenBatch(a.changes, scope, undefined, a.headSeq) }
}

/** What paging needs of the sync client. */
export type PagingHost = {
  lastSeq(): number
  /** Online and not closed: paging stops as soon as this turns false. */
  running(): boolean
  fetchPage(sinceSeq: number): Promise<PageRead>
  clearCache(why: string): Promise<void>
  store: Store
  log: Log
  status: LinkStatus
  noteApplied(result: ApplyResult): void
}

/**
 * Pages until `more` is false. The next page is asked for while the current one is applied (at
 * most one ahead), and pages are still applied strictly in order: a page asked for ahead is used
 * only if it starts exactly where the cache's lastSeq stands after the page before it.
 */
export async function syncPages(host: PagingHost): Promise<void> {
  let resets = 0
  let ahead: { sinceSeq: number; read: Promise<PageRead> } | null = null
  while (host.running()) {
    const sinceSeq = host.lastSeq()
    const read = ahead !== null && ahead.sinceSeq === sinceSeq ? await ahead.read : await host.fetchPage(sinceSeq)
    ahead = null
    if (read.kind === 'lost') return // reconnect or the heartbeat will bring us back
    if (read.kind === 'bad') {
      host.log('error', 'refused a bad sync answer', { reason: read.reason })
      return
    }
    if (read.kind === 'refused') {
      host.log('warn', 'the hub refused sync', { code: read.code, message: read.message })
      return
    }
    if (read.kind === 'reset') {
      if (++resets > 2) {
        host.log('error', 'the hub keeps answering reset; giving up for now', { sinceSeq })
        return
      }
      await host.clearCache(`hub asked for a reset at ${sinceSeq}`)
      continue
    }
    const { screened, more, headSeq } = read
    host.log('debug', 'sync page', { sinceSeq, changes: read.changes.length, more, headSeq })
    // A full page covers up to its last change, refused ones included (else a page of refused
    // changes would be fetched, and counted, again and again); the last page covers up to headSeq.
    const pageEnd = Math.max(screened.lastSeq ?? sinceSeq, lastRawSeq(read.changes) ?? sinceSeq)
    const to = more ? pageEnd : Math.max(headSeq, screened.lastSeq ?? 0)
    if (more && pageEnd > sinceSeq) ahead = { sinceSeq: pageEnd, read: host.fetchPage(pageEnd) }
    const result = await host.store.applyBatch({
      changes: screened.accepted,
      refused: screened.refused,
      coverage: { from: sinceSeq, to }
    })
    host.status.headSeq = Math.max(host.status.headSeq, headSeq)
    await host.store.setMeta({ headSeq: host.status.headSeq })
    host.noteApplied(result)
    if (!more) return
    if (result.lastSeq <= sinceSeq) {
      host.log('error', 'sync made no progress; stopping until the next trigger', { sinceSeq })
      return
    }
  }
}
