// Issue 14's map cost: the grid-type shading (key y) and the functional-grid overlay (rev 1.8) may add
// at most 10% to the map's data-path time. Two pages of the same bench page in the same run and the
// same browser — one plain, one with the shading on and FG_COUNT active functional grids — take turns
// on the same delta sizes (A, B, A, B … so load drift hits both alike), under one CDP trace. The figure
// is the data path's CPU (page main thread + MapLibre's workers, from the call to idle, as in the
// `cpu.*` figures of run-map-bench.ts) of the overlay page over the plain one's.
import type { Browser, Page } from '@playwright/test'
import type { MapBench } from './bench-page'
import { cpuBetween, indexTrace, startTrace, type CpuSplit } from './trace-cpu'
import type { PhaseRunner } from '../harness'

/** Functional grids drawn in the overlay page: a busy day's worth, each over a whole community. */
export const FG_COUNT = 6
/** The target: overlay and shading add at most this share. */
export const OVERLAY_TARGET = 0.1

export type OverlayOptions = { incidents: number; open: number; changes: number; reps: number }

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? NaN : sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const round = (n: number): number => Math.round(n * 10) / 10
const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000
const dataPath = (c: CpuSplit): number => c.main + c.worker

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  await page.goto(url)
  await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, { timeout: 0, polling: 250 })
  const error = await page.evaluate(() => window.__mapBenchError)
  if (error) throw new Error(`map bench page failed (${url}): ${error}`)
  return page
}

export async function runOverlayCompare(browser: Browser, url: string, o: OverlayOptions, phase: PhaseRunner): Promise<Record<string, number>> {
  const base = `${url}?n=${o.incidents}&open=${o.open}`
  const pages: Page[] = []
  const cdp = await browser.newBrowserCDPSession()
  try {
    const [plain, overlay] = await phase(
      'overlay: load',
      async () => {
        pages.push(await open(browser, base))
        // MAP_BENCH_OVERLAY_QUERY splits the cost (e.g. `fg=6` alone, `gridTypes=1` alone) when diagnosing.
        pages.push(await open(browser, `${base}&${process.env.MAP_BENCH_OVERLAY_QUERY ?? `gridTypes=1&fg=${FG_COUNT}`}`))
        return pages as [Page, Page]
      },
      `${o.incidents.toLocaleString('en')} cases, plain and with shading + ${FG_COUNT} functional grids`
    )
    const drawn = await overlay.evaluate(() => Number(document.getElementById('map')?.dataset.functionalGrids ?? 0))
    const stop = await startTrace(cdp)
    const wall = { plain: [] as number[], overlay: [] as number[] }
    await phase(
      'overlay: compare',
      async () => {
        for (let r = 0; r < o.reps; r++) {
          for (const [tag, page] of [['plain', plain], ['overlay', overlay]] as const) {
            const result = await page.evaluate(([c, t]) => (window.__mapBench as MapBench).compare(c, 1, t), [o.changes, `${tag}${r}`] as const)
            wall[tag].push(result.updateIdleMs[0] ?? NaN)
          }
        }
      },
      `${o.reps} × ${o.changes} changes, taking turns`
    )
    const events = await stop()
    const traces = { plain: indexTrace(events, 'plain'), overlay: indexTrace(events, 'overlay') }
    const cpu = (tag: 'plain' | 'overlay', op: 'update' | 'set'): number =>
      median(Array.from({ length: o.reps }, (_, r) => dataPath(cpuBetween(traces[tag], `${tag}${r}:${op}:0:start`, `${tag}${r}:${op}:0:idle`))))
    const plainUpdate = cpu('plain', 'update')
    const overlayUpdate = cpu('overlay', 'update')
    const plainSet = cpu('plain', 'set')
    const overlaySet = cpu('overlay', 'set')
    const k = 'map.overlay'
    return {
      [`${k}.functional_grids_drawn`]: drawn,
      [`${k}.cpu.plain_update_main_plus_worker_median_ms`]: round(plainUpdate),
      [`${k}.cpu.overlay_update_main_plus_worker_median_ms`]: round(overlayUpdate),
      // The figure the ≤ 10% target is about: overlay ÷ plain on the incremental delta path.
      [`${k}.cpu.update_overlay_to_plain_ratio`]: ratio(overlayUpdate, plainUpdate),
      [`${k}.cpu.plain_set_main_plus_worker_median_ms`]: round(plainSet),
      [`${k}.cpu.overlay_set_main_plus_worker_median_ms`]: round(overlaySet),
      [`${k}.cpu.set_overlay_to_plain_ratio`]: ratio(overlaySet, plainSet),
      [`${k}.wall.update_to_idle_overlay_to_plain_ratio`]: ratio(median(wall.overlay), median(wall.plain)),
      [`${k}.target_ratio`]: 1 + OVERLAY_TARGET
    }
  } finally {
    await cdp.detach().catch(() => {})
    for (const page of pages) await page.close().catch(() => {})
  }
}
