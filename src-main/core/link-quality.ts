// Judges the link from measured heartbeat round trips: slow answers or a missed one make it
// 'degraded' (usable, but the person should know); a few good answers in a row restore 'online'.

export const DEGRADED_RTT_MS = 1500
const WINDOW = 3

export class LinkQuality {
  private samples: (number | null)[] = []

  constructor(private readonly degradedRttMs = DEGRADED_RTT_MS) {}

  /** A round trip in ms, or null for an ack that timed out. */
  record(rttMs: number | null): void {
    this.samples.push(rttMs)
    if (this.samples.length > WINDOW) this.samples.shift()
  }

  reset(): void {
    this.samples = []
  }

  get rttMs(): number | null {
    for (let i = this.samples.length - 1; i >= 0; i--) {
      const s = this.samples[i]
      if (s !== null && s !== undefined) return s
    }
    return null
  }

  get degraded(): boolean {
    const last = this.samples[this.samples.length - 1]
    if (last === undefined) return false
    return last === null || last > this.degradedRttMs || this.samples.includes(null)
  }
}
