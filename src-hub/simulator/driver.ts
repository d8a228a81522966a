// The live report stream: walks the pure generator's arrivals against the real clock and sends
// each as a `report` command. When the hub falls behind, arrivals beyond the backlog are skipped
// (and counted) rather than piling up without bound.
import { randomUUID } from 'node:crypto'
import { type TypedCommand } from '../../src-shared/protocol'
import { bump, isPowerOfTen } from './counting'
import { type GeneratedReport, type Generator } from './generate'
import { type HubClient } from './hub-client'

export interface DriverCounters {
  generated: number
  skipped: number
  ok: number
  errors: Record<string, number>
}

export interface DriverOptions {
  generator: Generator
  client: HubClient
  /** Simulated instant the stream starts at (the generator's clock). */
  simStart: number
  /** Real instant that corresponds to simStart. */
  realStart: number
  /** Commands queued or in flight beyond which new arrivals are skipped. */
  maxBacklog?: number
  now?: () => number
  log?: (msg: string) => void
}

/** A year of arrivals; the generator is lazy, so only what is reached is ever made. */
const HORIZON_MS = 366 * 86_400_000
/** Longest sleep between checks, so stop() and clock jumps are noticed promptly. */
const MAX_SLEEP_MS = 1000

export class ReportDriver {
  readonly counters: DriverCounters = { generated: 0, skipped: 0, ok: 0, errors: {} }
  private readonly stream: Iterator<GeneratedReport, void>
  private next: GeneratedReport | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopped = false
  private readonly now: () => number
  private readonly maxBacklog: number
  private readonly log: (msg: string) => void
  private warnedBacklog = false

  constructor(private readonly opts: DriverOptions) {
    this.stream = opts.generator.reports(opts.simStart, HORIZON_MS)
    this.now = opts.now ?? Date.now
    this.maxBacklog = opts.maxBacklog ?? 5000
    this.log = opts.log ?? (() => {})
  }

  start(): void {
    this.advance()
    this.tick()
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private realTimeOf(report: GeneratedReport): number {
    return this.opts.realStart + (report.at - this.opts.simStart)
  }

  private advance(): void {
    const step = this.stream.next()
    this.next = step.done === true ? null : step.value
  }

  private tick(): void {
    this.timer = null
    if (this.stopped) return
    const now = this.now()
    while (this.next !== null && this.realTimeOf(this.next) <= now) {
      this.dispatch(this.next)
      this.advance()
    }
    if (this.next === null) return
    const wait = Math.min(MAX_SLEEP_MS, Math.max(0, this.realTimeOf(this.next) - now))
    this.timer = setTimeout(() => this.tick(), wait)
  }

  private dispatch(report: GeneratedReport): void {
    this.counters.generated++
    const client = this.opts.client
    if (client.queued + client.sending >= this.maxBacklog) {
      this.counters.skipped++
      if (!this.warnedBacklog) {
        this.warnedBacklog = true
        this.log(`hub is behind (${this.maxBacklog} commands waiting); skipping arrivals until it catches up`)
      }
      return
    }
    this.warnedBacklog = false
    const command: TypedCommand<'report'> = {
      commandId: randomUUID(),
      type: 'report',
      payload: { draft: report.draft },
      issuedAt: new Date().toISOString()
    }
    void client.send(command).then((result) => {
      if (result.ok) {
        this.counters.ok++
      } else {
        const n = bump(this.counters.errors, result.code)
        if (result.code !== 'closed' && isPowerOfTen(n)) this.log(`report refused (${result.code}, ${n}×): ${result.message}`)
      }
    })
  }
}
