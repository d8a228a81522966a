// Live `changes`: committed changes are coalesced for a few milliseconds, then sent once per
// scope room, in seq order, at most MAX_CHANGES per message.
import type { Namespace } from 'socket.io'
import { MAX_CHANGES, type Change } from '../src-shared/protocol'
import { changeInScope, type Scope } from './entity-kinds'
import { CHANGE_OVERHEAD_BYTES, MESSAGE_BYTE_BUDGET } from './limits'

export const DEFAULT_BATCH_MS = 15

/**
 * The room of consoles with this scope; those that speak functional grids (rev 1.8) get their own,
 * since only they may receive that kind.
 */
export function scopeRoom(scope: Scope, functionalGrids = false): string {
  const base = scope === '*' ? 'scope:*' : `scope:${[...scope].sort().join(',')}`
  return functionalGrids ? `${base}|functionalGrid` : base
}

/**
 * What a room receives of a batch: without the functional-grid feature a console never meets the
 * kind (rev 1.8). Its seq run then skips those seqs; it takes the gap for a gap and syncs, and the
 * sync page leaves them out too and brings it to the head. Functional grids change rarely, so this
 * costs an older console one small sync now and then, and never an unknown entity kind.
 */
export function forRoom(changes: readonly Change[], functionalGrids: boolean): readonly Change[] {
  return functionalGrids ? changes : changes.filter((c) => c.entity !== 'functionalGrid')
}

/**
 * What a console with `scope` sees of a change. Out-of-scope changes are sent as `data: null`
 * stubs (the protocol's "null: out of scope") so the seq run a console receives has no holes:
 * a console detects gaps by seq, and filtering changes out would make every scoped console resync.
 */
export function viewOf(change: Change, scope: Scope): Change {
  if (changeInScope(change, scope)) return change
  return { seq: change.seq, entity: change.entity, id: change.id, version: change.version, data: null } as Change
}

/** Consecutive runs of at most MAX_CHANGES changes and about MESSAGE_BYTE_BUDGET bytes each. */
export function chunk(changes: readonly Change[], maxBytes: number = MESSAGE_BYTE_BUDGET): Change[][] {
  const out: Change[][] = []
  let current: Change[] = []
  let bytes = 0
  for (const change of changes) {
    const size = CHANGE_OVERHEAD_BYTES + (change.data === null ? 0 : Buffer.byteLength(JSON.stringify(change.data)))
    if (current.length > 0 && (current.length >= MAX_CHANGES || bytes + size > maxBytes)) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(change)
    bytes += size
  }
  if (current.length > 0) out.push(current)
  return out
}

export class Broadcaster {
  private pending: Change[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly scopes = new Map<string, { scope: Scope; functionalGrids: boolean }>()

  constructor(
    private readonly nsp: Namespace,
    private readonly batchMs: number = DEFAULT_BATCH_MS
  ) {}

  /** Registers the scope (and feature) a room stands for; sockets join the room named by `scopeRoom`. */
  register(scope: Scope, functionalGrids = false): string {
    const room = scopeRoom(scope, functionalGrids)
    this.scopes.set(room, { scope, functionalGrids })
    return room
  }

  push(changes: readonly Change[]): void {
    this.pending.push(...changes)
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.batchMs)
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) return
    batch.sort((a, b) => a.seq - b.seq)
    const all = chunk(batch)
    const hasGrids = batch.some((c) => c.entity === 'functionalGrid')
    const older = hasGrids ? chunk(forRoom(batch, false)) : all
    // Rooms are sent to even when empty: a console in a brief drop is in no room, and connection-state
    // recovery can replay only what was broadcast. Scopes are few (one per distinct token scope).
    for (const [room, { scope, functionalGrids }] of this.scopes) {
      for (const part of functionalGrids ? all : older) {
        // Room broadcasts (not socket.emit) are what connection-state recovery replays after a blip.
        this.nsp.to(room).emit('changes', { changes: part.map((c) => viewOf(c, scope)) })
      }
    }
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }
}
