// Which version our own answered commands made of a case: `${incidentId}@${expectedVersion}` → the
// version the hub's ok answer carried. A never-sent command written against a version one of our
// own commands replaced (the person typed it before the screen showed the answer) follows the chain
// onto the newest version, instead of drawing a conflict from our own earlier command.
//
// Bounded: only the most recent links are kept. The chain matters for the commands typed within
// seconds of an answer; a command older than the last KEPT answers that was written against a
// replaced version is sent as typed and, if the case really moved on, held as a conflict for the
// person — what happens to any command overtaken by someone else's change. Unbounded, this map
// grew by one entry per answered command over a whole shift.

/** Links kept; an 8-hour shift at a busy seat answers a few thousand commands. */
export const REBASE_LINKS_KEPT = 2000
/** Guards a chain against a cycle (versions only grow, so it cannot have one, but a bug must not hang). */
const MAX_HOPS = 100

export class RebaseChain {
  private readonly links = new Map<string, number>()

  constructor(private readonly kept = REBASE_LINKS_KEPT) {}

  /** The hub answered a command on `incidentId`, written against `expectedVersion`, with `madeVersion`. */
  note(incidentId: string, expectedVersion: number, madeVersion: number): void {
    const key = `${incidentId}@${expectedVersion}`
    // Re-inserted so the Map's insertion order is the order of use; the oldest go first.
    this.links.delete(key)
    this.links.set(key, madeVersion)
    for (const oldest of this.links.keys()) {
      if (this.links.size <= this.kept) break
      this.links.delete(oldest)
    }
  }

  /** The newest version our own commands made from `expectedVersion` of `incidentId` (itself if none). */
  follow(incidentId: string, expectedVersion: number): number {
    let version = expectedVersion
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const after = this.links.get(`${incidentId}@${version}`)
      if (after === undefined) break
      version = after
    }
    return version
  }

  get size(): number {
    return this.links.size
  }
}
