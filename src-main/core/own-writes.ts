// The writes of this console's own answered commands, remembered for their live echo: the hub sends
// every change to every console, ours included, and the cache holds those rows already, so an echo
// that is exactly what we wrote is skipped instead of being read and applied again.
import { type Change } from '../../src-shared/protocol'

/** How many of our own writes are remembered for their live echo. */
const OWN_WRITES_KEPT = 4096

export class OwnWrites {
  /** `entity:id` → `version@seq` our own answered commands wrote. */
  private readonly written = new Map<string, string>()

  note(changes: readonly Change[]): void {
    for (const ch of changes) {
      const key = `${ch.entity}:${ch.id}`
      this.written.delete(key)
      this.written.set(key, `${ch.version}@${ch.seq}`)
    }
    // An echo lost with a dropped link never comes; keep only the newest few thousand.
    for (const key of this.written.keys()) {
      if (this.written.size <= OWN_WRITES_KEPT) break
      this.written.delete(key)
    }
  }

  /** The seq of a live change that is exactly what one of our own commands already wrote, else null. */
  readonly echo = (item: unknown): number | null => {
    if (typeof item !== 'object' || item === null) return null
    const { entity, id, version, seq } = item as Record<string, unknown>
    if (typeof entity !== 'string' || typeof id !== 'string' || typeof version !== 'number' || typeof seq !== 'number') return null
    const key = `${entity}:${id}`
    if (this.written.get(key) !== `${version}@${seq}`) return null
    this.written.delete(key)
    return seq
  }
}
