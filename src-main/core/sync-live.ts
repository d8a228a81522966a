// Live `changes` from the hub (docs/protocol.md): each message screened on its own (schema, scope,
// our own echoes, a seq too far ahead), then all of them applied in one transaction, in order, and
// a gap (a batch that starts after lastSeq + 1) reported so the caller syncs.
import { ChangesMessage, describeIssues } from '../../src-shared/protocol'
import { refusal } from './refusal'
import { type ApplyInput, type ApplyResult, type Store } from './store'
import { MAX_SEQ_AHEAD } from './sync-options'
import { screenBatch } from './validate-changes'

export type LiveContext = {
  store: Pick<Store, 'applyBatches'>
  scope: ReadonlySet<string> | null
  /** The seq of a change our own command already wrote (own-writes.ts), else null. */
  ownEcho: (item: unknown) => number | null
  headSeq: number
}

/** The results in message order, and where the first gap was (null: none). */
export type LiveApplied = { results: ApplyResult[]; gapAt: { lastSeq: number; first: number | null } | null }

export async function applyLiveChanges(payloads: readonly unknown[], ctx: LiveContext): Promise<LiveApplied> {
  const inputs: ApplyInput[] = []
  const firstSeqs: (number | null)[] = []
  for (const payload of payloads) {
    const msg = ChangesMessage.safeParse(payload)
    if (!msg.success) {
      inputs.push({ changes: [], refused: [refusal(payload, `bad changes message: ${describeIssues(msg.error)}`)], coverage: null })
      firstSeqs.push(null)
      continue
    }
    // The echo of our own answered commands is skipped: the cache holds those rows already.
    const screened = screenBatch(msg.data.changes, ctx.scope, ctx.ownEcho, ctx.headSeq + MAX_SEQ_AHEAD)
    const coverage =
      screened.firstSeq !== null && screened.lastSeq !== null ? { from: screened.firstSeq - 1, to: screened.lastSeq } : null
    inputs.push({ changes: screened.accepted, refused: screened.refused, coverage })
    firstSeqs.push(screened.firstSeq)
  }
  const results = await ctx.store.applyBatches(inputs)
  let gapAt: LiveApplied['gapAt'] = null
  results.forEach((result, i) => {
    if (result.gap) gapAt ??= { lastSeq: result.lastSeq, first: firstSeqs[i] ?? null }
  })
  return { results, gapAt }
}
