// Paces one page's API socket (issue 13): while the page reads more slowly than the core sends, the
// host holds what it would send and merges the deltas, instead of queueing every whole delta frame in
// the socket's write backlog (the shift soak saw up to 443 MiB RSS from that backlog).
//
// Order. A delta may reach the page EARLIER than it was emitted, never later; every other frame keeps
// its place among the other frames and comes after every delta emitted before it.
// - Deltas may move earlier: they are state the page converges on by version (the renderer keeps the
//   newer version of each id; the merge nets each id to its latest state or its removal), so a page
//   that gets one sooner is only more current. At boot the page holds deltas until its getSnapshot
//   reply and replays those with lastSeq >= the snapshot's: a merged delta carries the last lastSeq,
//   so it is replayed whenever it holds anything newer than the snapshot.
// - Nothing else may overtake a held delta: a reply or event may describe state the delta carries. An
//   `outbox` event that drops an answered command ends that case's optimistic view; shown before the
//   delta with the hub's new version, the row would flip back and invite the same command again.
// - An event whose payload is a whole current state (status, outbox, presence, settings, setup)
//   replaces its held copy: the page would overwrite it anyway. Notices and replies are each kept.
import type { ConsoleApiEvent, Delta } from '../../src-shared/api'
import { DeltaMerge } from '../core/delta-merge'

/**
 * Socket backlog (ws.bufferedAmount) above which frames are held. 1 MiB: the page is then at least one
 * big catch-up delta (~100 kB) ten times over behind, so sending more only grows the backlog; and it
 * is small beside the node's heap, so a few slow pages cost a few MiB, not hundreds.
 */
export const LOW_WATER_BYTES = 1024 * 1024
/** How often a held socket's backlog is looked at: a few frames of delay at most, no busy loop. */
export const DRAIN_POLL_MS = 25
// No "stopped reading for N seconds" rule: the backlog only shrinks when a whole pending write
// completes, so a slow page that reads steadily can show the same figure for a minute (the shift
// soak with a CPU-throttled page did, and such a rule dropped it). A page that never drains holds at
// most one merged delta (the live set) and one copy of each whole-state event; anything else it is
// sent counts toward the cap, and a peer that is gone is closed by TCP itself.

/** Events whose payload is the whole current state of something: a later one makes an earlier unsent one useless. */
const LATEST_WINS: ReadonlySet<ConsoleApiEvent> = new Set(['status', 'outbox', 'presence', 'settings', 'setup'])

/** What the pacer needs of the socket. */
export type PacedSocket = {
  readonly bufferedAmount: number
  isOpen(): boolean
  send(text: string): void
  /** Gives up on the page; the pacer stops at once. */
  drop(why: string): void
}

export type PacerOptions = {
  /** Frame to text; null when it cannot be sent (the caller logs why). */
  serialise: (frame: object) => string | null
  /** Bytes (backlog plus held frames) after which the page is dropped. */
  maxBytes: number
  lowWaterBytes?: number
  pollMs?: number
}

type HeldFrame = { key: ConsoleApiEvent | null; text: string; bytes: number }

export class SocketPacer {
  private readonly merge = new DeltaMerge()
  private readonly frames: HeldFrame[] = []
  private heldBytes = 0
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private readonly lowWater: number

  constructor(
    private readonly socket: PacedSocket,
    private readonly opts: PacerOptions
  ) {
    this.lowWater = opts.lowWaterBytes ?? LOW_WATER_BYTES
  }

  /** Frames waiting for the page to drain (a merged delta counts as one). */
  get heldFrames(): number {
    return this.frames.length + (this.merge.empty ? 0 : 1)
  }

  event(event: ConsoleApiEvent, payload: unknown): void {
    if (event === 'delta') this.delta(payload as Delta)
    else this.frame({ kind: 'event', event, payload }, LATEST_WINS.has(event) ? event : null)
  }

  reply(frame: object): void {
    this.frame(frame, null)
  }

  /** Stops the poll and forgets what is held (the socket closed). */
  stop(): void {
    this.stopped = true
    this.stopPoll()
    this.merge.clear()
    this.frames.length = 0
    this.heldBytes = 0
  }

  private get holding(): boolean {
    return !this.merge.empty || this.frames.length > 0
  }

  private delta(delta: Delta): void {
    if (!this.admit()) return
    if (!this.holding && this.socket.bufferedAmount <= this.lowWater) return this.write({ kind: 'event', event: 'delta', payload: delta })
    this.merge.push(delta)
    this.hold()
  }

  private frame(frame: object, key: ConsoleApiEvent | null): void {
    if (!this.admit()) return
    if (!this.holding && this.socket.bufferedAmount <= this.lowWater) return this.write(frame)
    const text = this.opts.serialise(frame)
    if (text === null) return
    if (key !== null) {
      const at = this.frames.findIndex((f) => f.key === key)
      if (at >= 0) this.heldBytes -= this.frames.splice(at, 1)[0]?.bytes ?? 0
    }
    const bytes = Buffer.byteLength(text)
    this.frames.push({ key, text, bytes })
    this.heldBytes += bytes
    this.hold()
  }

  /** False when the socket is gone or the page is dropped for holding too much. */
  private admit(): boolean {
    if (this.stopped || !this.socket.isOpen()) return false
    // The merged delta is not counted: it is at most the live set, however long the page lags.
    if (this.socket.bufferedAmount + this.heldBytes > this.opts.maxBytes) {
      this.giveUp('client too slow')
      return false
    }
    return true
  }

  private hold(): void {
    if (this.socket.bufferedAmount <= this.lowWater) return this.release()
    if (this.timer !== null) return
    this.timer = setInterval(() => this.poll(), this.opts.pollMs ?? DRAIN_POLL_MS)
    this.timer.unref?.()
  }

  private poll(): void {
    if (this.stopped || !this.socket.isOpen()) return this.stop()
    if (this.socket.bufferedAmount <= this.lowWater) this.release()
  }

  /** Sends the merged delta, then the held frames in order. */
  private release(): void {
    this.stopPoll()
    const delta = this.merge.take()
    const frames = this.frames.splice(0)
    this.heldBytes = 0
    if (delta !== null) this.write({ kind: 'event', event: 'delta', payload: delta })
    for (const f of frames) if (this.socket.isOpen()) this.socket.send(f.text)
  }

  private write(frame: object): void {
    const text = this.opts.serialise(frame)
    if (text !== null && this.socket.isOpen()) this.socket.send(text)
  }

  private giveUp(why: string): void {
    this.stop()
    this.socket.drop(why)
  }

  private stopPoll(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}
