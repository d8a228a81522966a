// CPU time of whole Chromium processes (every thread, including ones that write no trace events,
// such as SwiftShader's raster threads in the GPU process), from CDP SystemInfo.getProcessInfo.
import type { CDPSession } from '@playwright/test'

/** Milliseconds of CPU: every renderer process together, and the GPU process. */
export type ProcessCpu = { renderer: number; gpu: number }

type ProcessInfo = { type: string; id: number; cpuTime: number }

export async function processCpu(cdp: CDPSession): Promise<ProcessCpu> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] }
  const out: ProcessCpu = { renderer: 0, gpu: 0 }
  for (const p of processInfo) {
    // cpuTime is cumulative seconds. The bench has one page open, so other renderers sit idle.
    if (p.type === 'renderer') out.renderer += p.cpuTime * 1000
    else if (p.type.toLowerCase() === 'gpu') out.gpu += p.cpuTime * 1000
  }
  return out
}

export function processDelta(snapshots: ReadonlyMap<string, ProcessCpu>, from: string, to: string): ProcessCpu {
  const a = snapshots.get(from)
  const b = snapshots.get(to)
  if (!a || !b) throw new Error(`no process CPU snapshot for ${a ? to : from}`)
  return { renderer: b.renderer - a.renderer, gpu: b.gpu - a.gpu }
}
