// `npm run bench:soak -- --shift [--quick]`: an 8-hour shift, compressed. The rainstorm scenario at
// its daily rate (the simulator's DEFAULT_RATE on the shift's clock) runs for shiftHours of shift
// time in realMinutes of real time — the simulator's rate is multiplied by the compression and the
// hall's delays divided by it — through a real hub (its own process), a fault proxy that drops the
// link every ~20 min of shift time, the console core and web host (this process) and the console
// page in Debian Chromium. Every few seconds: RSS of each process of the tree (/proc) and the page's
// JS heap (CDP, after a forced GC). A scripted seat accepts and dispatches cases through the
// console's outbox during the shift; at the end the hub's database says whether each command was
// applied exactly once. Prints a table and writes bench/results/soak-shift.json.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import { defaultHubScript, startDemoHub } from '../../src-main/core/demo-hub'
import { openConsole } from '../../src-main/core'
import { startWebHost } from '../../src-main/web/web-host'
import { DEFAULT_RATE } from '../../src-hub/simulator'
import { startFaultProxy } from '../../tests/helpers/fault-proxy'
import { runBenches, type BenchEntry, type BenchContext } from '../harness'
import { planShift, slope, tally, verdict, type ShiftPlan } from './shift-stats'
import { treeRss, type ProcClass } from './proc-rss'
import { ScriptedSeat } from './seat'
import { readHubRecords } from './hub-records'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const RENDERER = path.join(ROOT, 'out', 'renderer')
/** Targets of issue 13 item 5. */
export const RSS_TARGET_MIB = 500
/** Heap growth below this (MiB per shift hour, after warm-up) counts as flat. */
export const FLAT_MIB_PER_SHIFT_HOUR = 2

export type ShiftSizes = {
  shiftHours: number
  realMinutes: number
  sampleEverySec: number
  /** Share of the shift counted as warm-up (the open set and the map's sources fill). */
  warmupShare: number
  seatEverySec: number
  /** Write a V8 heap snapshot of this (the console's node) process here after warm-up and at the end. */
  heapSnapshotDir?: string
}

/** This process's memory after a full GC, in MiB: where its RSS goes (JS heap, Buffers, native). */
export type NodeMemory = { heapUsedMiB: number; externalMiB: number; arrayBuffersMiB: number; rssMiB: number }

export type ShiftSample = {
  realSec: number
  shiftHour: number
  heapUsedMiB: number
  rss: Partial<Record<ProcClass, number>>
  rendererMiB: number
  live: number
  cached: number
  drops: number
  node: NodeMemory
}

/** A full GC of this process, so heapUsed is what is retained, not garbage waiting (V8's flag, set once). */
function forcedGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 100) / 100

const r2 = (x: number): number => Math.round(x * 100) / 100

async function runShift(ctx: BenchContext<ShiftSizes>): Promise<{ figures: Record<string, number> }> {
  const s = ctx.sizes
  const plan: ShiftPlan = planShift({ shiftHours: s.shiftHours, realMinutes: s.realMinutes, baseRate: DEFAULT_RATE, dropEveryShiftMin: 20, dropForShiftMin: 3 })
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-shift-'))
  const cleanups: (() => Promise<unknown>)[] = []
  const line = (t: string): void => console.log(t)
  try {
    const stack = await ctx.phase('start', async () => {
      const hub = await startDemoHub({
        dataDir,
        projectRoot: ROOT,
        rate: plan.simRate,
        hall: true,
        // The hall's pickup and work times are on the real clock: shrink them with the shift.
        hallDelayScale: Math.max(0.005, 1 / plan.compression),
        script: [...defaultHubScript(ROOT), '--scenario', 'rainstorm']
      })
      cleanups.push(() => hub.stop())
      const u = new URL(hub.url)
      const proxy = await startFaultProxy({ host: u.hostname, port: Number(u.port) })
      cleanups.push(() => proxy.close())
      const core = await openConsole({ dataDir, hubUrl: proxy.url, token: hub.token, demo: true })
      cleanups.push(() => core.close())
      const web = await startWebHost({ api: core.api, rendererDir: RENDERER, operatorToken: randomBytes(24).toString('base64url'), viewerToken: randomBytes(24).toString('base64url') })
      cleanups.push(() => web.close())
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-timer-throttling'] })
      cleanups.push(() => browser.close())
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
      await page.goto(web.operatorUrl)
      // The cases drawn on the map (data-drawn), as the start-up bench waits for; not MapLibre's 'load'
      // (data-loaded), which waits for every source to be idle at once: under the rainstorm's stream at
      // its daytime peak the incident tiles are re-cut every second and 'load' did not come in 2 min.
      await page.getByTestId('map-canvas').and(page.locator('[data-drawn="1"]')).waitFor({ timeout: 120_000 })
      const cdp = await page.context().newCDPSession(page)
      return { hub, proxy, core, page, cdp }
    })
    const { hub, proxy, core, page, cdp } = stack
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    line(
      `shift soak: ${plan.shiftHours} h of shift in ${plan.realMinutes} min (×${plan.compression.toFixed(0)}), rainstorm at ${DEFAULT_RATE}/s ` +
        `on the shift clock → ${plan.simRate.toFixed(2)}/s real; link dropped every ${(plan.dropEveryMs / 1000).toFixed(1)} s for ${(plan.dropForMs / 1000).toFixed(1)} s; ` +
        `sample every ${s.sampleEverySec} s`
    )
    let drops = 0
    const gc = forcedGc()
    const sample = async (t0: number): Promise<ShiftSample> => {
      await cdp.send('HeapProfiler.collectGarbage')
      const heap = await cdp.send('Runtime.getHeapUsage')
      gc()
      const mem = process.memoryUsage()
      const { byClass, largestRendererMiB } = treeRss(process.pid)
      const realSec = (performance.now() - t0) / 1000
      return {
        realSec: r2(realSec),
        shiftHour: r2((realSec * plan.compression) / 3600),
        heapUsedMiB: r2(heap.usedSize / 2 ** 20),
        rss: Object.fromEntries(Object.entries(byClass).map(([k, v]) => [k, r2(v)])),
        rendererMiB: r2(largestRendererMiB),
        live: (await core.api.getSnapshot()).incidents.length,
        cached: await core.store.countIncidents(),
        drops,
        node: { heapUsedMiB: mib(mem.heapUsed), externalMiB: mib(mem.external), arrayBuffersMiB: mib(mem.arrayBuffers), rssMiB: mib(mem.rss) }
      }
    }
    // Heap snapshots of this process (the console core and web host), after warm-up and at the end,
    // for a diff of what the shift left behind (bench/soak/heap-diff.ts).
    let warmSnapshot = false
    const snapshot = (name: string): void => {
      if (s.heapSnapshotDir === undefined) return
      mkdirSync(s.heapSnapshotDir, { recursive: true })
      const file = writeHeapSnapshot(path.join(s.heapSnapshotDir, `${name}.heapsnapshot`))
      line(`  heap snapshot: ${file}`)
    }
    const samples: ShiftSample[] = []
    const seat = new ScriptedSeat(core.api)
    await ctx.phase('shift', async (progress, signal) => {
      const t0 = performance.now()
      const endAt = t0 + plan.realMinutes * 60_000
      // Three independent loops, so a slow sample (a busy renderer answers CDP late) never delays a
      // link drop or the seat's commands.
      const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)))
      const every = async (periodMs: number, firstAt: number, fn: () => Promise<void>): Promise<void> => {
        let next = t0 + firstAt
        while (!signal.aborted) {
          await sleep(next - performance.now())
          if (performance.now() >= endAt || signal.aborted) return
          await fn()
          next += periodMs
          while (next < performance.now()) next += periodMs
        }
      }
      const drop = async (): Promise<void> => {
        proxy.cutAll()
        proxy.setMode({ kind: 'down' })
        drops += 1
        await sleep(plan.dropForMs)
        proxy.setMode({ kind: 'pass' })
      }
      const seatLoop = async (): Promise<void> => {
        await seat.act().catch((err: unknown) => line(`  seat: ${(err as Error).message}`))
      }
      const sampleLoop = async (): Promise<void> => {
        const x = await sample(t0)
        samples.push(x)
        if (!warmSnapshot && x.shiftHour >= plan.shiftHours * s.warmupShare) {
          warmSnapshot = true
          snapshot('after-warmup')
        }
        line(`  h ${x.shiftHour.toFixed(2).padStart(5)}  heap ${x.heapUsedMiB.toFixed(1).padStart(6)} MiB  node ${(x.rss['console-node'] ?? 0).toFixed(0).padStart(4)} (js ${x.node.heapUsedMiB.toFixed(0)}, ext ${x.node.externalMiB.toFixed(0)})  renderer ${x.rendererMiB.toFixed(0).padStart(4)}  chromium ${chromiumTotal(x).toFixed(0).padStart(4)} MiB  live ${x.live}  cached ${x.cached}  drops ${x.drops}  sent ${seat.sent.length}`)
      }
      const ticker = setInterval(() => progress((performance.now() - t0) / 1000, plan.realMinutes * 60, 'real s'), 1000)
      try {
        await Promise.all([every(plan.dropEveryMs, plan.dropEveryMs, drop), every(s.seatEverySec * 1000, 0, seatLoop), every(s.sampleEverySec * 1000, 0, sampleLoop)])
      } finally {
        clearInterval(ticker)
      }
      proxy.setMode({ kind: 'pass' })
      samples.push(await sample(t0))
      snapshot('end')
    })
    const commands = await ctx.phase('verify', async () => {
      // The link is up again: let the outbox drain before asking the hub.
      const deadline = performance.now() + 90_000
      while (performance.now() < deadline) {
        const pending = (await core.api.getSnapshot()).outbox.filter((e) => e.state === 'queued' || e.state === 'sending').length
        if (pending === 0) break
        await new Promise((r) => setTimeout(r, 500))
      }
      const outbox = (await core.api.getSnapshot()).outbox
      const refusedLocally = new Set(outbox.filter((e) => e.state === 'failed' || e.state === 'conflict').map((e) => e.command.commandId))
      const pending = outbox.filter((e) => e.state === 'queued' || e.state === 'sending').length
      const records = await readHubRecords(path.join(dataDir, 'demo-hub.db'), seat.sent.map((c) => c.commandId))
      const verdicts = seat.sent.map((c) => verdict(records.get(c.commandId), refusedLocally.has(c.commandId) || c.refusedAtIntake))
      return { ...tally(verdicts), sent: seat.sent.length, pending }
    })
    const warm = plan.shiftHours * s.warmupShare
    const settled = samples.filter((x) => x.shiftHour >= warm)
    const heapSlope = slope(settled.map((x) => ({ x: x.shiftHour, y: x.heapUsedMiB })))
    const rendererSlope = slope(settled.map((x) => ({ x: x.shiftHour, y: x.rendererMiB })))
    const nodeHeapSlope = slope(settled.map((x) => ({ x: x.shiftHour, y: x.node.heapUsedMiB })))
    const nodeRssSlope = slope(settled.map((x) => ({ x: x.shiftHour, y: x.rss['console-node'] ?? 0 })))
    const first = samples[0] as ShiftSample
    const afterWarm = settled[0] ?? first
    const last = samples[samples.length - 1] as ShiftSample
    const classes = [...new Set(samples.flatMap((x) => Object.keys(x.rss)))].sort() as ProcClass[]
    line('')
    line(`process            RSS start  after warm-up (h ${afterWarm.shiftHour.toFixed(1)})  end (MiB)`)
    for (const c of classes) line(`${c.padEnd(18)} ${(first.rss[c] ?? 0).toFixed(0).padStart(9)}  ${(afterWarm.rss[c] ?? 0).toFixed(0).padStart(22)}  ${(last.rss[c] ?? 0).toFixed(0).padStart(9)}`)
    const consoleEnd = (last.rss['console-node'] ?? 0) + chromiumTotal(last)
    line(`console total (node + chromium) at the end: ${consoleEnd.toFixed(0)} MiB (target ≤ ${RSS_TARGET_MIB} per process; renderer ${last.rendererMiB.toFixed(0)}, node ${(last.rss['console-node'] ?? 0).toFixed(0)})`)
    line(`console node after GC: JS heap ${first.node.heapUsedMiB.toFixed(0)} → ${afterWarm.node.heapUsedMiB.toFixed(0)} → ${last.node.heapUsedMiB.toFixed(0)} MiB, external ${first.node.externalMiB.toFixed(0)} → ${afterWarm.node.externalMiB.toFixed(0)} → ${last.node.externalMiB.toFixed(0)} MiB (array buffers ${last.node.arrayBuffersMiB.toFixed(0)}); slope after warm-up ${nodeHeapSlope.toFixed(2)} MiB/shift-h`)
    line(`renderer JS heap: ${first.heapUsedMiB.toFixed(1)} → ${afterWarm.heapUsedMiB.toFixed(1)} → ${last.heapUsedMiB.toFixed(1)} MiB; slope after warm-up ${heapSlope.toFixed(2)} MiB/shift-h (flat: |slope| < ${FLAT_MIB_PER_SHIFT_HOUR}); renderer RSS slope ${rendererSlope.toFixed(1)} MiB/shift-h`)
    line(`commands: sent ${commands.sent}, applied once ${commands['applied-once']}, refused ${commands.refused}, lost ${commands.lost}, doubled ${commands.doubled}, still pending ${commands.pending}`)
    line(`link drops ${drops}; proxy connections ${proxy.stats.connections}; sim stats: hub pid ${hub.pid}`)
    if (errors.length > 0) line(`page errors: ${errors.slice(0, 5).join(' | ')}`)
    const out = path.join(ROOT, 'bench', 'results', ctx.quick ? 'soak-shift-quick.json' : 'soak-shift.json')
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), plan, sizes: s, samples, heapSlope, rendererSlope, nodeHeapSlope, nodeRssSlope, commands, drops, pageErrors: errors }, null, 2) + '\n')
    line(`wrote ${path.relative(ROOT, out)}`)
    const maxProcEnd = Math.max(last.rss['console-node'] ?? 0, last.rendererMiB)
    return {
      figures: {
        compression: plan.compression,
        heapSlopeMiBPerShiftHour: heapSlope,
        heapEndMiB: last.heapUsedMiB,
        nodeRssEndMiB: last.rss['console-node'] ?? 0,
        nodeRssSlopeMiBPerShiftHour: nodeRssSlope,
        nodeHeapEndMiB: last.node.heapUsedMiB,
        nodeHeapSlopeMiBPerShiftHour: nodeHeapSlope,
        rendererRssEndMiB: last.rendererMiB,
        maxConsoleProcessRssEndMiB: maxProcEnd,
        sent: commands.sent,
        appliedOnce: commands['applied-once'],
        refused: commands.refused,
        lost: commands.lost,
        doubled: commands.doubled,
        drops,
        pageErrors: errors.length
      }
    }
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => console.error('cleanup:', (err as Error).message))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function chromiumTotal(x: ShiftSample): number {
  return (x.rss['chromium-browser'] ?? 0) + (x.rss['chromium-renderer'] ?? 0) + (x.rss['chromium-gpu'] ?? 0) + (x.rss['chromium-other'] ?? 0)
}

export const shiftBench: BenchEntry<ShiftSizes> = {
  name: 'soak-shift',
  what: 'an 8-hour shift compressed: RSS and renderer heap over time, link drops, commands applied once',
  bound: [45 * 60_000, 5 * 60_000],
  phases: { start: [180_000, 120_000], shift: [40 * 60_000, 3 * 60_000], verify: [120_000, 100_000] },
  sizes: {
    full: { shiftHours: 8, realMinutes: 8, sampleEverySec: 10, warmupShare: 0.25, seatEverySec: 3 },
    quick: { shiftHours: 1, realMinutes: 1, sampleEverySec: 5, warmupShare: 0.25, seatEverySec: 2 }
  },
  run: runShift as BenchEntry<ShiftSizes>['run']
}

/**
 * `--hours N`: N shift hours in N real minutes (×60, like the full run), for a run between --quick
 * and the full 8 h; `--heap-snapshots DIR`: heap snapshots of the console's node process.
 */
function withOverrides(entry: BenchEntry<ShiftSizes>, argv: readonly string[], quick: boolean): BenchEntry<ShiftSizes> {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const hoursArg = value('--hours')
  const dir = value('--heap-snapshots')
  const base = quick ? entry.sizes.quick : entry.sizes.full
  let sizes: ShiftSizes = { ...base, ...(dir !== undefined ? { heapSnapshotDir: path.resolve(dir) } : {}) }
  let bound = entry.bound
  let phases = entry.phases
  if (hoursArg !== undefined) {
    const hours = Number(hoursArg)
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24) throw new Error('--hours must be a number of shift hours in (0, 24]')
    sizes = { ...sizes, shiftHours: hours, realMinutes: hours }
    // The shift phase runs `hours` real minutes; under load a sample can take a minute: 5× room.
    const room = (b: readonly [number, number] | undefined): [number, number] => [Math.max(b?.[0] ?? 0, hours * 5 * 60_000), Math.max(b?.[1] ?? 0, hours * 5 * 60_000)]
    bound = room([entry.bound[0] + hours * 60_000, entry.bound[1] + hours * 60_000])
    phases = { ...entry.phases, shift: room(entry.phases.shift) }
  }
  const sized = { ...entry.sizes, full: quick ? entry.sizes.full : sizes, quick: quick ? sizes : entry.sizes.quick }
  return { ...entry, sizes: sized, bound, phases }
}

/** Runs the shift under the harness; exit code 1 when a target is missed or a command was lost/doubled. */
export async function mainShift(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick')
  const entry = withOverrides(shiftBench, argv, quick)
  const [run] = await runBenches([entry as BenchEntry<unknown>], { quick, runBoundMs: entry.bound[quick ? 1 : 0] })
  if (!run || run.error !== null) {
    process.exitCode = 1
    return
  }
  const f = run.output?.figures ?? {}
  const broken = (f.lost ?? 0) > 0 || (f.doubled ?? 0) > 0 || (f.sent ?? 0) === 0 || (f.pageErrors ?? 0) > 0
  const missed = (f.maxConsoleProcessRssEndMiB ?? Infinity) > RSS_TARGET_MIB || !(Math.abs(f.heapSlopeMiBPerShiftHour ?? NaN) < FLAT_MIB_PER_SHIFT_HOUR)
  // A quick run is too short for the heap slope to mean much: it fails only on commands and errors.
  if (broken || (!quick && missed)) process.exitCode = 1
  console.log(broken ? 'VERDICT: commands lost/doubled or page errors' : missed ? `VERDICT: target missed${quick ? ' (not judged in --quick)' : ''}` : 'VERDICT: targets met')
}
