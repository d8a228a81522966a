// The renderer store: snapshot then deltas, event buffering during boot, the incident delta feed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyDelta,
  applySnapshot,
  bootConsoleStore,
  onIncidentDelta,
  incidentChangesSince,
  resetConsoleStore,
  upsertLocalIncident,
  useConsole,
  type IncidentDelta
} from '../../../src-renderer/state/console-store'
import { getLocale, setLocale } from '../../../src-renderer/i18n/i18n'
import type { Delta } from '../../../src-shared/api'
import { FakeApi, makeSettings, makeSnapshot, makeStatus, makeSummary, makeUnit } from '../fixtures'

function delta(over: Partial<Delta> = {}): Delta {
  return {
    lastSeq: 11,
    incidents: [],
    removedIncidentIds: [],
    units: [],
    removedUnitIds: [],
    handovers: [],
    removedHandoverIds: [],
    ...over
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => resetConsoleStore())
afterEach(() => setLocale('zh-CN'))

describe('applying snapshot and deltas', () => {
  it('loads a snapshot and marks the store ready', () => {
    const a = makeSummary({ id: 'a' })
    const unit = makeUnit({ id: 'u1' })
    applySnapshot(makeSnapshot({ incidents: [a], units: [unit] }))
    const s = useConsole.getState()
    expect(s.ready).toBe(true)
    expect(s.incidents.get('a')).toEqual(a)
    expect(s.units.get('u1')).toEqual(unit)
    expect(s.incidentsVersion).toBeGreaterThan(0)
  })

  it('upserts, removes, skips stale versions and advances lastSeq', () => {
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'a', version: 3 }), makeSummary({ id: 'b' })] }))
    const before = useConsole.getState().incidentsVersion
    applyDelta(
      delta({
        lastSeq: 15,
        incidents: [makeSummary({ id: 'a', version: 2, title: 'stale' }), makeSummary({ id: 'c' })],
        removedIncidentIds: ['b']
      })
    )
    const s = useConsole.getState()
    expect(s.incidents.get('a')?.version).toBe(3)
    expect(s.incidents.has('b')).toBe(false)
    expect(s.incidents.has('c')).toBe(true)
    expect(s.status?.lastSeq).toBe(15)
    expect(s.incidentsVersion).toBe(before + 1)
  })

  it('does not bump incidentsVersion for a unit-only delta', () => {
    applySnapshot(makeSnapshot())
    const before = useConsole.getState().incidentsVersion
    applyDelta(delta({ units: [makeUnit({ id: 'u9' })] }))
    expect(useConsole.getState().incidentsVersion).toBe(before)
    expect(useConsole.getState().units.has('u9')).toBe(true)
  })

  it('feeds incident deltas to listeners, snapshot replacements included', () => {
    const seen: IncidentDelta[] = []
    const off = onIncidentDelta((d) => seen.push(d))
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'a' }), makeSummary({ id: 'b' })] }))
    applyDelta(delta({ incidents: [makeSummary({ id: 'c' })], removedIncidentIds: ['a', 'never-held'] }))
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'c' })] }))
    off()
    applyDelta(delta({ incidents: [makeSummary({ id: 'd' })] }))
    expect(seen.map((d) => [d.upserted.map((i) => i.id), d.removed])).toEqual([
      [['a', 'b'], []],
      [['c'], ['a']],
      [['c'], ['b']]
    ])
  })

  it('keeps going when a delta listener throws', () => {
    const seen: string[] = []
    const offBad = onIncidentDelta(() => {
      throw new Error('boom')
    })
    const offGood = onIncidentDelta((d) => seen.push(...d.upserted.map((i) => i.id)))
    const original = console.error
    console.error = () => undefined
    try {
      applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'x' })] }))
    } finally {
      console.error = original
      offBad()
      offGood()
    }
    expect(seen).toEqual(['x'])
    expect(useConsole.getState().incidents.has('x')).toBe(true)
  })

  it('drops the selection when the selected case leaves with a new snapshot', () => {
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'a' })] }))
    useConsole.getState().select('a')
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'b' })] }))
    expect(useConsole.getState().selectedId).toBeNull()
  })
})

describe('upsertLocalIncident (a case the find panel fetched from the whole cache)', () => {
  it('adds it like a delta upsert: version bump, journal, delta listeners', () => {
    applySnapshot(makeSnapshot({ incidents: [makeSummary({ id: 'live' })] }))
    const seen: IncidentDelta[] = []
    const off = onIncidentDelta((d) => seen.push(d))
    const before = useConsole.getState().incidentsVersion
    const old = makeSummary({ id: 'old', status: 'closed', version: 7 })
    expect(upsertLocalIncident(old)).toBe(true)
    off()
    const after = useConsole.getState()
    expect(after.incidents.get('old')).toEqual(old)
    expect(after.incidents.get('live')).toBeDefined()
    expect(after.incidentsVersion).toBe(before + 1)
    expect(incidentChangesSince(before, after.incidentsVersion)).toEqual(['old'])
    expect(seen).toEqual([{ upserted: [old], removed: [] }])
  })

  it('never replaces the version held or a newer one, and a newer delta from main replaces it', () => {
    const held = makeSummary({ id: 'c', status: 'in_progress', version: 5 })
    applySnapshot(makeSnapshot({ incidents: [held] }))
    const version = useConsole.getState().incidentsVersion
    expect(upsertLocalIncident({ ...held, status: 'closed', version: 4 })).toBe(false)
    expect(upsertLocalIncident({ ...held, status: 'closed', version: 5 })).toBe(false)
    expect(useConsole.getState().incidents.get('c')?.status).toBe('in_progress')
    expect(useConsole.getState().incidentsVersion).toBe(version)

    const old = makeSummary({ id: 'old', status: 'closed', version: 7 })
    upsertLocalIncident(old)
    applyDelta(delta({ incidents: [{ ...old, status: 'reported', version: 8 }] }))
    expect(useConsole.getState().incidents.get('old')?.status).toBe('reported')
    // An answer that arrives late (older) does not undo the delta.
    expect(upsertLocalIncident(old)).toBe(false)
    expect(useConsole.getState().incidents.get('old')?.version).toBe(8)
  })

  it('is dropped by the next snapshot (the live set of main stays the authority), and by a removal', () => {
    applySnapshot(makeSnapshot({ incidents: [] }))
    upsertLocalIncident(makeSummary({ id: 'old', status: 'closed' }))
    useConsole.getState().select('old')
    applyDelta(delta({ removedIncidentIds: ['old'] }))
    expect(useConsole.getState().incidents.has('old')).toBe(false)
    upsertLocalIncident(makeSummary({ id: 'old2', status: 'closed' }))
    applySnapshot(makeSnapshot({ incidents: [] }))
    expect(useConsole.getState().incidents.has('old2')).toBe(false)
  })
})

describe('bootConsoleStore', () => {
  it('loads snapshot, settings and reference, and follows events', async () => {
    const api = new FakeApi()
    api.snapshot = makeSnapshot({ incidents: [makeSummary({ id: 'a' })] })
    api.settings = makeSettings({ locale: 'en-US' })
    const stop = bootConsoleStore(api, { retryMs: 0 })
    await flush()
    await flush()
    let s = useConsole.getState()
    expect(s.ready).toBe(true)
    expect(s.reference?.version).toBe('ref-1')
    expect(s.settings?.locale).toBe('en-US')
    expect(getLocale()).toBe('en-US')

    api.emit('delta', delta({ incidents: [makeSummary({ id: 'b' })] }))
    api.emit('status', makeStatus({ connection: 'offline' }))
    api.emit('notice', { id: 'n1', level: 'warning', text: 'Hub maintenance', at: '2026-11-22T02:00:00.000Z' })
    api.emit('presence', { consoles: [] })
    s = useConsole.getState()
    expect(s.incidents.has('b')).toBe(true)
    expect(s.status?.connection).toBe('offline')
    expect(s.notices.map((n) => n.id)).toEqual(['n1'])
    s.dismissNotice('n1')
    expect(useConsole.getState().notices).toEqual([])

    stop()
    expect(api.listenerCount()).toBe(0)
  })

  it('holds deltas that arrive during the snapshot load and replays only newer ones', async () => {
    const api = new FakeApi()
    api.snapshot = makeSnapshot({ status: makeStatus({ lastSeq: 20 }), incidents: [makeSummary({ id: 'a' })] })
    const stop = bootConsoleStore(api, { retryMs: 0 })
    // Before the snapshot promise settles: one delta already covered by it, one newer.
    api.emit('delta', delta({ lastSeq: 19, removedIncidentIds: ['a'] }))
    api.emit('delta', delta({ lastSeq: 21, incidents: [makeSummary({ id: 'n' })] }))
    await flush()
    await flush()
    const s = useConsole.getState()
    expect(s.incidents.has('a')).toBe(true)
    expect(s.incidents.has('n')).toBe(true)
    expect(s.status?.lastSeq).toBe(21)
    stop()
  })

  it('replays a held delta with the same lastSeq as the snapshot: a case leaving the live set while it loads', async () => {
    const api = new FakeApi()
    api.snapshot = makeSnapshot({
      status: makeStatus({ lastSeq: 20 }),
      incidents: [makeSummary({ id: 'closed-yesterday', status: 'closed' }), makeSummary({ id: 'open' })]
    })
    const stop = bootConsoleStore(api, { retryMs: 0 })
    // Main's sweep sends removals without a new seq; this one was read into the snapshot just before.
    api.emit('delta', delta({ lastSeq: 20, removedIncidentIds: ['closed-yesterday'] }))
    await flush()
    await flush()
    const s = useConsole.getState()
    expect([...s.incidents.keys()]).toEqual(['open'])
    stop()
  })

  it('reports a failed load and retries until it succeeds', async () => {
    const api = new FakeApi()
    api.failSnapshot = 2
    const stop = bootConsoleStore(api, { retryMs: 0 })
    await flush()
    expect(useConsole.getState().bootError).toBe('carrier closed')
    expect(useConsole.getState().ready).toBe(false)
    for (let i = 0; i < 6 && !useConsole.getState().ready; i++) await flush()
    expect(useConsole.getState().ready).toBe(true)
    expect(useConsole.getState().bootError).toBeNull()
    stop()
  })

  it('reloads reference data when the status names a new version', async () => {
    const api = new FakeApi()
    const stop = bootConsoleStore(api, { retryMs: 0 })
    await flush()
    await flush()
    api.reference = { ...api.reference!, version: 'ref-2' }
    api.emit('status', makeStatus({ referenceVersion: 'ref-2' }))
    await flush()
    expect(useConsole.getState().reference?.version).toBe('ref-2')
    stop()
  })
})

describe('bootConsoleStore resync', () => {
  it('loads a fresh snapshot when the carrier comes back', async () => {
    const api = new FakeApi()
    let fire: () => void = () => undefined
    const stop = bootConsoleStore(api, {
      retryMs: 0,
      resyncOn: (listener) => {
        fire = listener
        return () => {
          fire = () => undefined
        }
      }
    })
    await flush()
    await flush()
    expect(useConsole.getState().incidents.size).toBe(0)
    // While the link was down the case arrived; only the new snapshot can tell.
    api.snapshot = makeSnapshot({ status: makeStatus({ lastSeq: 30 }), incidents: [makeSummary({ id: 'late' })] })
    fire()
    await flush()
    await flush()
    expect(useConsole.getState().incidents.has('late')).toBe(true)
    expect(useConsole.getState().status?.lastSeq).toBe(30)
    stop()
  })
})
