// The bench harness: every benchmark is one registry entry (name, phases with their bounds, full and
// quick sizes, what it measures), run phase by phase. Each phase has a stated bound; one that
// overruns it fails with an error naming the bench and the phase (and the bench or the run bound,
// when that is what ran out), and the harness moves on. Progress goes to stderr: a line when a
// phase starts, one every few seconds while it runs (how far, elapsed), one when it ends.
import type { Measured } from './sync/benchmarks'

/** How far a phase has come: `done` of `total` in `unit` (e.g. 23,000 of 50,000 changes). */
export type Progress = (done: number, total: number, unit: string) => void

/**
 * Runs one named phase of a bench under its bound. `kind` is a key of the entry's `phases`;
 * `detail` (e.g. the scenario) is printed with it.
 */
export type PhaseRunner = <T>(kind: string, fn: (progress: Progress, signal: AbortSignal) => Promise<T>, detail?: string) => Promise<T>

/** Bound of a phase in milliseconds: [full run, --quick run]. */
export type PhaseBounds = Readonly<Record<string, readonly [number, number]>>

export type BenchContext<S> = {
  quick: boolean
  sizes: S
  phase: PhaseRunner
  /** Aborted when a phase of this bench overran: stop children, close browsers. */
  signal: AbortSignal
  /** Hands over figures measured so far (e.g. one scenario's): kept and printed if a later phase fails. */
  partial: (output: BenchOutput) => void
}

/** What a bench gives back: rows for the table (figure, baseline, floors) and/or a flat map of figures. */
export type BenchOutput = { measured?: Measured[]; figures?: Record<string, number> }

export type BenchEntry<S = unknown> = {
  name: string
  /** One line: what it measures. */
  what: string
  /** Bound of the whole bench: [full, quick] in ms. */
  bound: readonly [number, number]
  phases: PhaseBounds
  sizes: { full: S; quick: S }
  run(ctx: BenchContext<S>): Promise<BenchOutput>
}

export class PhaseOverrun extends Error {
  constructor(
    readonly bench: string,
    readonly phase: string,
    readonly boundMs: number,
    readonly which: 'phase' | 'bench' | 'run'
  ) {
    const of = which === 'phase' ? 'its bound' : which === 'bench' ? `the bench's bound` : `the whole run's bound`
    super(`bench "${bench}": phase "${phase}" overran ${of} of ${secs(boundMs)} (stopped it; nothing measured from it)`)
    this.name = 'PhaseOverrun'
  }
}

export function secs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** `output` on a failed bench: what it handed over before the failure (see BenchContext.partial), if anything. */
export type BenchRun = { name: string; output: BenchOutput | null; error: string | null; ms: number }

function merge(a: BenchOutput | null, b: BenchOutput): BenchOutput {
  return {
    measured: [...(a?.measured ?? []), ...(b.measured ?? [])],
    figures: a?.figures || b.figures ? { ...a?.figures, ...b.figures } : undefined
  }
}

export type HarnessOptions = {
  quick: boolean
  /** Bound of the whole run in ms. */
  runBoundMs: number
  /** Multiplies every bound (tests shrink them to make a phase overrun). */
  boundScale?: number
  /** Where progress lines go (stderr by default). */
  log?: (line: string) => void
  /** How often a running phase reports (ms). */
  tickMs?: number
}

/** Runs the entries one after another; a failing or overrunning bench is reported and the next one runs. */
export async function runBenches(entries: readonly BenchEntry<unknown>[], o: HarnessOptions): Promise<BenchRun[]> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const scale = o.boundScale ?? 1
  const runStart = performance.now()
  const runEnd = runStart + o.runBoundMs * scale
  const out: BenchRun[] = []
  const clock = (): string => secs(performance.now() - runStart)
  for (const [i, entry] of entries.entries()) {
    const started = performance.now()
    const benchBound = (o.quick ? entry.bound[1] : entry.bound[0]) * scale
    const benchEnd = started + benchBound
    const abort = new AbortController()
    log(`[bench ${i + 1}/${entries.length}] ${entry.name}: ${entry.what} — bound ${secs(benchBound)} (run at ${clock()})`)
    const phase: PhaseRunner = async (kind, fn, detail) => {
      const bounds = entry.phases[kind]
      if (bounds === undefined) throw new Error(`bench "${entry.name}" has no phase "${kind}" in its registry entry`)
      const label = detail ? `${kind} (${detail})` : kind
      const own = (o.quick ? bounds[1] : bounds[0]) * scale
      const now = performance.now()
      // The tightest of the phase's, the bench's and the run's bounds applies, and is named.
      const limits: [number, 'phase' | 'bench' | 'run', number][] = [
        [own, 'phase', own],
        [benchEnd - now, 'bench', benchBound],
        [runEnd - now, 'run', o.runBoundMs * scale]
      ]
      const [wait, which, stated] = limits.reduce((a, b) => (b[0] < a[0] ? b : a))
      const t0 = performance.now()
      let far = ''
      const progress: Progress = (done, total, unit) => {
        far = `${Math.round(done).toLocaleString('en')}/${Math.round(total).toLocaleString('en')} ${unit} (${total > 0 ? Math.round((done / total) * 100) : 0}%)`
      }
      log(`  ${entry.name} › ${label}: started, bound ${secs(own)}`)
      const tick = setInterval(() => log(`  ${entry.name} › ${label}: ${far || 'running'}, ${secs(performance.now() - t0)} elapsed`), o.tickMs ?? 5000)
      let timer: NodeJS.Timeout | undefined
      const overrun = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PhaseOverrun(entry.name, label, stated, which)), Math.max(0, wait))
      })
      try {
        const result = await Promise.race([fn(progress, abort.signal), overrun])
        log(`  ${entry.name} › ${label}: done${far ? `, ${far}` : ''}, ${secs(performance.now() - t0)}`)
        return result
      } catch (err) {
        if (err instanceof PhaseOverrun) abort.abort(err)
        throw err
      } finally {
        clearInterval(tick)
        clearTimeout(timer)
      }
    }
    const sizes = o.quick ? entry.sizes.quick : entry.sizes.full
    let partial: BenchOutput | null = null
    try {
      const output = await entry.run({ quick: o.quick, sizes, phase, signal: abort.signal, partial: (p) => (partial = merge(partial, p)) })
      out.push({ name: entry.name, output, error: null, ms: performance.now() - started })
      log(`[bench ${i + 1}/${entries.length}] ${entry.name}: done in ${secs(performance.now() - started)}`)
    } catch (err) {
      abort.abort(err)
      const message = err instanceof Error ? err.message : String(err)
      out.push({ name: entry.name, output: partial, error: message, ms: performance.now() - started })
      log(`[bench ${i + 1}/${entries.length}] ${entry.name}: FAILED after ${secs(performance.now() - started)}: ${message}`)
    }
  }
  return out
}

/** A phase runner with no bounds or progress (direct use of a bench function, e.g. from a test). */
export const unbounded: PhaseRunner = (_kind, fn) => fn(() => {}, new AbortController().signal)
