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

/** The sub-districts (streets) an entity belongs to; empty when it belongs to none (district units). */
export function streetsOf(change: Change): string[] {
  if (change.data === null) return []
  switch (change.entity) {
    case 'incident':
      // Grid codes nest: street (9 digits) + community (3) + grid (3).
      return [change.data.gridCode.slice(0, 9)]
    case 'unit':
      return change.data.streetCode === null ? [] : [change.data.streetCode]
    case 'handover':
      return [change.data.streetCode]
    case 'functionalGrid':
      // Rev 1.8: scoped like a handover across streets — seen when any of its streets is in scope.
      return change.data.streetCodes
  }
}

/** The street that puts the change outside `scope`, or null when it is in scope (or belongs to no street). */
function outsideStreet(change: Change, scope: ReadonlySet<string>): string | null {
  const streets = streetsOf(change)
  if (streets.length === 0 || streets.some((s) => scope.has(s))) return null
  return streets.join(', ')
}

/**
 * scope: the welcome's streets, or null before a welcome (nothing to check against yet).
 * known: says which items the cache already holds exactly as sent (returns their seq): those are
 * not read again, only counted in the batch's seq run (e.g. the live echo of our own command).
 */
export function screenBatch(
  raw: readonly unknown[],
  scope: ReadonlySet<string> | null,
  known: (item: unknown) => number | null = () => null,
  ceiling: number = Number.MAX_SAFE_INTEGER
): Screened {
  const screen = new Screen(scope, ceiling)
  for (const item of raw) {
    const seq = known(item)
    if (seq !== null && screen.pass(seq)) continue
    const verdict = parseChange(item)
    if (verdict.ok) screen.add(verdict.change, item)
    else screen.refused.push(refusal(item, `schema: ${verdict.reason}`))
  }
  return screen.result()
}

/**
 * The same screening for changes already checked against the schema (a command answer's entity,
 * parsed once when the answer was read): seq order and scope only.
 */
export function screenParsed(changes: readonly Change[], scope: ReadonlySet<string> | null): Screened {
  const screen = new Screen(scope)
  for (const change of changes) screen.add(change, change)
  return screen.result()
}

/** Seq bounds, seq order inside the batch and the console's scope, one well-formed change at a time. */
class Screen {
  readonly accepted: Change[] = []
  readonly refused: Refusal[] = []
  private firstSeq: number | null = null
  private lastSeq: number | null = null

  constructor(
    private readonly scope: ReadonlySet<string> | null,
    /** Highest seq the hub can have reached (rev 1.4); beyond it a change would poison its entity and lastSeq. */
    private readonly ceiling: number = Number.MAX_SAFE_INTEGER
  ) {}

  /** A change the cache already holds: it joins the seq run if in order (else it is read and refused as usual). */
  pass(seq: number): boolean {
    if (seq > this.ceiling) return false
    if (this.lastSeq !== null && seq <= this.lastSeq) return false
    this.firstSeq ??= seq
    this.lastSeq = seq
    return true
  }

  add(change: Change, raw: unknown): void {
    // Bounds first, before the seq run moves: a seq past the ceiling would carry lastSeq with it.
    if (change.seq > this.ceiling) {
      this.refused.push(refusal(raw, `seq ${change.seq} is beyond the hub's head (${this.ceiling})`))
      return
    }
    if (this.lastSeq !== null && change.seq <= this.lastSeq) {
      this.refused.push(
        refusal(raw, change.seq === this.lastSeq ? `duplicate seq ${change.seq} in batch` : `seq went back to ${change.seq} after ${this.lastSeq}`)
      )
      return
    }
    this.firstSeq ??= change.seq
    this.lastSeq = change.seq
    // Each version of an entity is a committed change with its own seq, so no version passes the head
    // either. The seq itself is in bounds, so it joins the run like a change refused for its scope.
    if (change.version > this.ceiling) {
      this.refused.push(refusal(raw, `version ${change.version} is beyond the hub's head (${this.ceiling})`))
      return
    }
    const street = this.scope === null ? null : outsideStreet(change, this.scope)
    if (street !== null) {
      this.refused.push(refusal(raw, `street ${street} is outside this console's scope`))
      return
    }
    this.accepted.push(change)
  }

  result(): Screened {
    return { accepted: this.accepted, refused: this.refused, firstSeq: this.firstSeq, lastSeq: this.lastSeq }
  }
}
