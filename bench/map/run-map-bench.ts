// Map benchmark in Chromium: 50,000 cases in the real map; a 100-change delta applied with
// updateData vs a full setData (median ms each, same run; at the whole-district view and at
// street level), and frame times while 50 changes/s stream through the controller's
// once-per-frame coalescing. Times run from the call until the source has the data (the
// promise) and until the map is idle again (tiles redrawn); main-thread figures are the
// synchronous part. Called by `npm run bench`.
import { chromium } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import type { CompareResult, StreamResult } from './bench-page'
import { serveMapBench } from './serve'

export type MapBenchOptions = { incidents?: number; changes?: number; reps?: number; streamSeconds?: number; rate?: number }

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? NaN : sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const round = (n: number): number => Math.round(n * 10) / 10

export async function runMapBench(options: MapBenchOptions = {}): Promise<Record<string, number>> {
  const incidents = options.incidents ?? 50_000
  const changes = options.changes ?? 100
  const reps = options.reps ?? 7
  const streamSeconds = options.streamSeconds ?? 10
  const rate = options.rate ?? 50
  const server = await serveMapBench()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-timer-throttling']
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    await page.goto(`${server.url}?n=${incidents}`)
    await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, {
      timeout: 300_000
    })
    const error = await page.evaluate(() => window.__mapBenchError)
    if (error) throw new Error(`map bench page failed: ${error}`)
    const compare: CompareResult = await page.evaluate(
      ([c, r]) => {
        const bench = window.__mapBench
        if (!bench) throw new Error('no bench')
        return bench.compare(c, r)
      },
      [changes, reps] as const
    )
    // Street level (z15, mid-district): a diff touches only the few tiles its cases fall in.
    const street: CompareResult = await page.evaluate(
      async ([c, r]) => {
        const bench = window.__mapBench
        if (!bench) throw new Error('no bench')
        await bench.jump(116.417, 39.92, 15)
        const result = await bench.compare(c, r)
        await bench.jump(116.405, 39.91, 12)
        return result
      },
      [changes, reps] as const
    )
    const stream: StreamResult = await page.evaluate(
      ([s, r]) => {
        const bench = window.__mapBench
        if (!bench) throw new Error('no bench')
        return bench.stream(s, r)
      },
      [streamSeconds, rate] as const
    )
    const frames = stream.frameMs.slice(1)
    return {
      'map.incidents': incidents,
      'map.delta_changes': changes,
      'map.district_view.updateData_median_ms': round(median(compare.updateMs)),
      'map.district_view.setData_median_ms': round(median(compare.setMs)),
      'map.district_view.updateData_to_idle_median_ms': round(median(compare.updateIdleMs)),
      'map.district_view.setData_to_idle_median_ms': round(median(compare.setIdleMs)),
      'map.street_view.updateData_median_ms': round(median(street.updateMs)),
      'map.street_view.setData_median_ms': round(median(street.setMs)),
      'map.street_view.updateData_to_idle_median_ms': round(median(street.updateIdleMs)),
      'map.street_view.setData_to_idle_median_ms': round(median(street.setIdleMs)),
      'map.updateData_main_thread_median_ms': round(median([...compare.updateBlockMs, ...street.updateBlockMs])),
      'map.setData_main_thread_median_ms': round(median([...compare.setBlockMs, ...street.setBlockMs])),
      'map.stream_changes_per_s': round(stream.applied / streamSeconds),
      'map.stream_frame_median_ms': round(median(frames)),
      'map.stream_frame_p95_ms': round(percentile(frames, 95)),
      'map.stream_frame_max_ms': round(Math.max(...frames)),
      'map.stream_fps': round(frames.length / streamSeconds)
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

// Run directly: `npx tsx bench/map/run-map-bench.ts [incidents]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const incidents = process.argv[2] ? Number(process.argv[2]) : undefined
  console.log(JSON.stringify(await runMapBench({ incidents }), null, 2))
}
