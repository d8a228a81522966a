// Issue 13: deltas that arrive within one frame are applied as one store update, just before the
// frame; an urgent case in a burst is on the store (and so in the queue) in the first frame.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bootConsoleStore,
  onIncidentDelta,
  resetConsoleStore,
  useConsole,
  type IncidentDelta
} from '../../../src-renderer/state/console-store'
import { FrameBatcher, animationFrameScheduler, type FrameScheduler } from '../../../src-renderer/state/frame-batcher'
import type { Delta } from '../../../src-shared/api'
import { FakeApi, makeSnapshot, makeStatus, makeSummary, makeUnit } from '../fixtures'

function delta(over: Partial<Delta> = {}): Delta {
  return { lastSeq: 11, incidents: [], removedIncidentIds: [], units: [], removedUnitIds: [], handovers: [], removedHandoverIds: [], ...over }
}

/** A frame clock the test turns by hand. */
function manualFrames(): { schedule: FrameScheduler; frame: () => void; scheduled: () => number } {
  let queue: (() => void)[] = []
  let count = 0
  return {
    schedule: (run) => {
      count += 1
      queue.push(run)
      return () => {
        queue = queue.filter((r) => r !== run)
      }
    },
    frame: () => {
      const runs = queue
      queue = []
      for (const run of runs) run()
    },
    scheduled: () => count
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => resetConsoleStore())
afterEach(() => resetConsoleStore())

async function booted(frames: ReturnType<typeof manualFrames>, api = new FakeApi()) {
  api.snapshot = makeSnapshot({ status: makeStatus({ lastSeq: 10 }), incidents: [makeSummary({ id: 'old', version: 1 })] })
  const stop = bootConsoleStore(api, { retryMs: 0, frame: frames.schedule })
  await flush()
  await flush()
  expect(useConsole.getState().ready).toBe(true)
  return { api, stop }
}

describe('frame coalescing of deltas', () => {
  it('applies many deltas arriving in one frame as one store update and one incident delta', async () => {
    const frames = manualFrames()
    const { api, stop } = await booted(frames)
    let storeUpdates = 0
    const offStore = useConsole.subscribe(() => (storeUpdates += 1))
    const deltas: IncidentDelta[] = []
    const offDelta = onIncidentDelta((d) => deltas.push(d))
    const versionBefore = useConsole.getState().incidentsVersion

    for (let i = 0; i < 30; i++) {
      api.emit('delta', delta({ lastSeq: 11 + i, incidents: [makeSummary({ id: `c${i}` })], units: [makeUnit({ id: `u${i % 3}` })] }))
    }
    // Nothing applied before the frame; one frame asked for, not thirty.
    expect(useConsole.getState().incidents.has('c0')).toBe(false)
    expect(storeUpdates).toBe(0)
    expect(frames.scheduled()).toBe(1)

    frames.frame()
    const s = useConsole.getState()
    expect(storeUpdates).toBe(1)
    expect(s.incidentsVersion).toBe(versionBefore + 1)
    expect(s.status?.lastSeq).toBe(40)
    expect([...s.units.keys()].sort()).toEqual(['u0', 'u1', 'u2'])
    expect(deltas).toHaveLength(1)
    expect(deltas[0]!.upserted.map((i) => i.id)).toEqual(Array.from({ length: 30 }, (_, i) => `c${i}`))
    offStore()
    offDelta()
    stop()
  })

  it('nets the burst: a case removed after its upsert is only removed, and an older version never wins', async () => {
    const frames = manualFrames()
    const { api, stop } = await booted(frames)
    const deltas: IncidentDelta[] = []
    const off = onIncidentDelta((d) => deltas.push(d))
    api.emit('delta', delta({ lastSeq: 11, incidents: [makeSummary({ id: 'x', version: 3, title: 'new' })] }))
    api.emit('delta', delta({ lastSeq: 11, incidents: [makeSummary({ id: 'x', version: 2, title: 'stale' })] }))
    api.emit('delta', delta({ lastSeq: 12, removedIncidentIds: ['old'] }))
    frames.frame()
    expect(useConsole.getState().incidents.get('x')?.title).toBe('new')
    expect(useConsole.getState().incidents.has('old')).toBe(false)
    expect(deltas).toEqual([{ upserted: [expect.objectContaining({ id: 'x', title: 'new' })], removed: ['old'] }])
    off()
    stop()
  })

  it('puts an urgent case that arrives inside a catch-up burst on the store in the first frame', async () => {
    const frames = manualFrames()
    const { api, stop } = await booted(frames)
    const page = Array.from({ length: 500 }, (_, i) => makeSummary({ id: `p${i}`, urgency: 'normal' }))
    api.emit('delta', delta({ lastSeq: 11, incidents: page.slice(0, 250) }))
    api.emit('delta', delta({ lastSeq: 12, incidents: [makeSummary({ id: 'urgent-1', urgency: 'urgent', status: 'reported' })] }))
    api.emit('delta', delta({ lastSeq: 13, incidents: page.slice(250) }))
    frames.frame()
    const s = useConsole.getState()
    expect(s.incidents.get('urgent-1')?.urgency).toBe('urgent')
    expect(s.incidents.has('p499')).toBe(true)
    stop()
  })

  it('drops pending deltas into the resync: newer ones replay after the fresh snapshot, nothing is lost', async () => {
    const frames = manualFrames()
    const api = new FakeApi()
    let fire: () => void = () => undefined
    api.snapshot = makeSnapshot({ status: makeStatus({ lastSeq: 10 }), incidents: [] })
    const stop = bootConsoleStore(api, {
      retryMs: 0,
      frame: frames.schedule,
      resyncOn: (l) => {
        fire = l
        return () => undefined
      }
    })
    await flush()
    await flush()
    api.emit('delta', delta({ lastSeq: 15, incidents: [makeSummary({ id: 'after' })] }))
    api.snapshot = makeSnapshot({ status: makeStatus({ lastSeq: 12 }), incidents: [makeSummary({ id: 'snap' })] })
    fire()
    frames.frame() // the cancelled frame does nothing
    await flush()
    await flush()
    expect([...useConsole.getState().incidents.keys()].sort()).toEqual(['after', 'snap'])
    stop()
  })
})

describe('FrameBatcher', () => {
  it('applies at once when there are no frames (Node)', () => {
    const applied: number[][] = []
    const b = new FrameBatcher<number>((xs) => applied.push(xs), null)
    b.push(1)
    b.push(2)
    expect(applied).toEqual([[1], [2]])
  })

  it('uses requestAnimationFrame with a timer backstop when frames do not come', async () => {
    const g = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown }
    const saved = [g.requestAnimationFrame, g.cancelAnimationFrame]
    // A hidden window: frames are asked for but never run.
    g.requestAnimationFrame = () => 1
    g.cancelAnimationFrame = () => undefined
    try {
      const schedule = animationFrameScheduler(5)
      expect(schedule).not.toBeNull()
      const applied: number[][] = []
      const b = new FrameBatcher<number>((xs) => applied.push(xs), schedule)
      b.push(1)
      b.push(2)
      expect(applied).toEqual([])
      await new Promise((r) => setTimeout(r, 30))
      expect(applied).toEqual([[1, 2]])
    } finally {
      g.requestAnimationFrame = saved[0]
      g.cancelAnimationFrame = saved[1]
    }
  })
})

describe('start-up order (issue 13)', () => {
  it('asks for the reference before the snapshot has answered, and only once', async () => {
    const api = new FakeApi()
    let release: () => void = () => undefined
    const snapshotGate = new Promise<void>((r) => (release = r))
    const snapshot = api.snapshot
    api.getSnapshot = async () => {
      await snapshotGate
      return snapshot
    }
    let referenceCalls = 0
    const getReference = api.getReference
    api.getReference = async () => {
      referenceCalls += 1
      return getReference()
    }
    const stop = bootConsoleStore(api, { retryMs: 0, frame: null })
    await flush()
    // Asked for (its transfer overlaps the snapshot's), but held until the settings are applied:
    // the map built before them would be built again with the settings' basemap.
    expect(useConsole.getState().ready).toBe(false)
    expect(referenceCalls).toBe(1)
    expect(useConsole.getState().reference).toBeNull()
    release()
    await flush()
    expect(useConsole.getState().ready).toBe(true)
    expect(useConsole.getState().reference?.version).toBe('ref-1')
    await flush()
    expect(referenceCalls).toBe(1)
    stop()
  })
})
