// Screens a batch of hub changes before they reach the cache: schema, scope, seq order inside
// the batch. Refuses the bad ones (with a reason) and lets the good ones through; never throws.
import { type Change, parseChange } from '../../src-shared/protocol'
import { type Refusal, refusal } from './refusal'

export type Screened = {
  accepted: Change[]
  refused: Refusal[]
  /** Lowest and highest seq of the well-formed changes, for lastSeq bookkeeping. */
  firstSeq: number | null
  lastSeq: number | null
}

/** The sub-district (street) an entity belongs to; null when it belongs to none (district units). */
export function streetOf(change: Change): string | null {
  if (change.data === null) return null
  switch (change.entity) {
    case 'incident':
      // Grid codes nest: street (9 digits) + community (3) + grid (3).
      return change.data.gridCode.slice(0, 9)
    case 'unit':
      return change.data.streetCode
    case 'handover':
      return change.data.streetCode
  }
}

/** scope: the welcome's streets, or null before a welcome (nothing to check against yet). */
export function screenBatch(raw: readonly unknown[], scope: ReadonlySet<string> | null): Screened {
  const accepted: Change[] = []
  const refused: Refusal[] = []
  let firstSeq: number | null = null
  let lastSeq: number | null = null
  for (const item of raw) {
    const verdict = parseChange(item)
    if (!verdict.ok) {
      refused.push(refusal(item, `schema: ${verdict.reason}`))
      continue
    }
    const change = verdict.change
    if (lastSeq !== null && change.seq <= lastSeq) {
      refused.push(
        refusal(item, change.seq === lastSeq ? `duplicate seq ${change.seq} in batch` : `seq went back to ${change.seq} after ${lastSeq}`)
      )
      continue
    }
    firstSeq ??= change.seq
    lastSeq = change.seq
    const street = streetOf(change)
    if (scope !== null && street !== null && !scope.has(street)) {
      refused.push(refusal(item, `street ${street} is outside this console's scope`))
      continue
    }
    accepted.push(change)
  }
  return { accepted, refused, firstSeq, lastSeq }
}
