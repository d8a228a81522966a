// The version rule of the protocol ("keep the higher version") as one pure decision, plus the
// checks that catch a hub going backwards. The store applies what this decides.

/** What the cache holds for an entity: its version/seq, and whether it is live or a tombstone. */
export type Cached = { version: number; seq: number; live: boolean }

export type Decision = { kind: 'apply' } | { kind: 'ignore' } | { kind: 'refuse'; reason: string }

const APPLY: Decision = { kind: 'apply' }
const IGNORE: Decision = { kind: 'ignore' }

/**
 * Version and seq of one entity rise together (one total order). So a newer seq with an older
 * version, or an older seq with a newer version, is a hub fault and is refused; an older seq with
 * an older or equal version is just a late repeat and is ignored quietly.
 */
export function decide(change: { seq: number; version: number; live: boolean }, cached: Cached | undefined): Decision {
  if (cached === undefined) return APPLY
  if (change.seq === cached.seq) {
    return change.version === cached.version
      ? IGNORE
      : { kind: 'refuse', reason: `duplicate seq ${change.seq} with version ${change.version} (cached ${cached.version})` }
  }
  if (change.seq > cached.seq) {
    if (change.version > cached.version) return APPLY
    if (change.version < cached.version) {
      return { kind: 'refuse', reason: `version went back from ${cached.version} to ${change.version}` }
    }
    // Same version at a newer seq: only leaving or re-entering scope may do that.
    return change.live !== cached.live
      ? APPLY
      : { kind: 'refuse', reason: `version ${change.version} did not advance at seq ${change.seq}` }
  }
  return change.version > cached.version
    ? { kind: 'refuse', reason: `seq went back from ${cached.seq} to ${change.seq} with a newer version` }
    : IGNORE
}

/** What the applied batch covers, so lastSeq moves only where no seq is missing. */
export type Coverage = { from: number; to: number } | null

/** New lastSeq: the batch covers (from, to]; it counts only if it starts at or before lastSeq. */
export function advanceLastSeq(lastSeq: number, coverage: Coverage): { lastSeq: number; gap: boolean } {
  if (coverage === null) return { lastSeq, gap: false }
  if (coverage.from > lastSeq) return { lastSeq, gap: true }
  return { lastSeq: Math.max(lastSeq, coverage.to), gap: false }
}
