// The reference data after a welcome (docs/protocol.md, `reference`): asked for with the version the
// cache has, read with its schema, and written to the cache when the hub sends a new one.
import { ReferenceAnswer, describeIssues } from '../../src-shared/protocol'
import { type RequestOutcome } from './hub-link'
import { type Log } from './log'
import { type Store } from './store'

export type ReferenceContext = {
  request: (event: string, payload: unknown) => Promise<RequestOutcome>
  store: Pick<Store, 'setReference'>
  log: Log
}

/** The new version written to the cache, or null (unchanged, refused, bad or no answer). */
export async function fetchReferenceData(have: string | null, ctx: ReferenceContext): Promise<string | null> {
  const out = await ctx.request('reference', { have })
  if (out.kind !== 'answer') return null
  const answer = ReferenceAnswer.safeParse(out.value)
  if (!answer.success) {
    ctx.log('error', 'refused bad reference data from the hub', { reason: describeIssues(answer.error) })
    return null
  }
  const a = answer.data
  if (!a.ok) {
    ctx.log('warn', 'the hub refused the reference request', { code: a.error.code, message: a.error.message })
    return null
  }
  if ('unchanged' in a) return null
  const { ok: _ok, ...ref } = a
  await ctx.store.setReference(ref)
  return ref.version
}
