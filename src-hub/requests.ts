// Answers to `sync` and `reference` requests (commands live in command-service.ts).
import { describeIssues, ReferenceRequest, SyncRequest } from '../src-shared/protocol'
import { refuse, type Caller, type ErrorAnswerBody } from './answers'
import { speaksFunctionalGrids } from './functional-grid-commands'
import { PreSerialized } from './preserialized'
import type { HubReference } from './reference'
import type { HubStore } from './store'

/** A page travels pre-serialised (`{ ok, changes, headSeq, more }` as JSON text, change-page.ts says why). */
export type SyncResult = { ok: true; changes: unknown[]; headSeq: number; more: boolean; reset: true } | PreSerialized | ErrorAnswerBody

/** An answer with its estimated size on the wire, when the handler knows it (for the byte budget). */
export interface Answered<T> {
  answer: T
  invalid: boolean
  bytes?: number
}

export async function answerSync(raw: unknown, caller: Caller, store: HubStore): Promise<Answered<SyncResult>> {
  const req = SyncRequest.safeParse(raw)
  if (!req.success) {
    return { answer: refuse('invalid', describeIssues(req.error), { issues: req.error.issues.slice(0, 100) }), invalid: true }
  }
  // Seqs first, rows second: a commit landing in between shows up in the rows, never the other way
  // round, so headSeq is never ahead of what the answer and earlier pages hold.
  const { headSeq, minSeq } = await store.committedSeqs()
  // sinceSeq 0 is a full snapshot, complete whatever was purged; resetting it would loop forever.
  if (req.data.sinceSeq > 0 && req.data.sinceSeq < minSeq - 1) {
    return { answer: { ok: true, changes: [], headSeq, more: false, reset: true }, invalid: false }
  }
  // Rev 1.8: functional grids only for a console that speaks them (an older one never meets the kind).
  const page = await store.changesSinceUtf8(req.data.sinceSeq, req.data.limit, caller.scope, undefined, speaksFunctionalGrids(caller.features))
  // The same bytes, key for key, as JSON.stringify of { ok, changes, headSeq, more } would give.
  const parts: Buffer[] = [OPEN_PAGE]
  page.changes.forEach((change, i) => {
    if (i > 0) parts.push(COMMA)
    parts.push(...change)
  })
  parts.push(Buffer.from(`],"headSeq":${Math.max(headSeq, page.lastSeq)},"more":${page.more}}`))
  return { answer: PreSerialized.fromUtf8(parts), invalid: false, bytes: page.bytes }
}
const OPEN_PAGE = Buffer.from('{"ok":true,"changes":[')
const COMMA = Buffer.from(',')

/** The full answer travels pre-serialised (`{ ok: true, ...reference.data }` as JSON text). */
export type ReferenceResult = { ok: true; unchanged: true } | PreSerialized | ErrorAnswerBody

export function answerReference(raw: unknown, reference: HubReference): Answered<ReferenceResult> {
  const req = ReferenceRequest.safeParse(raw)
  if (!req.success) {
    return { answer: refuse('invalid', describeIssues(req.error), { issues: req.error.issues.slice(0, 100) }), invalid: true }
  }
  if (req.data.have === reference.version) return { answer: { ok: true, unchanged: true }, invalid: false }
  const full = reference.fullAnswer()
  return { answer: full, invalid: false, bytes: full.length }
}
