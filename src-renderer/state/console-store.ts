// The renderer's one live copy of the console state, fed by the ConsoleApi (snapshot, then events).
// Incidents are kept in a Map mutated in place with a version counter: copying 50,000 entries on
// every delta would cost more than the delta itself, so consumers key memoisation on incidentsVersion.
import { create } from 'zustand'
import type {
  ConsoleApi,
  ConsoleStatus,
  Delta,
  IncidentSummary,
  OutboxEntry,
  Settings,
  Snapshot
} from '../../src-shared/api'
import type { FunctionalGrid, Handover, Notice, Presence, ReferenceData, Unit } from '../../src-shared/protocol'
import { applyFunctionalGridDeltas, functionalGridsOf } from './functional-grids'
import { setLocale, type Locale } from '../i18n/i18n'
import { animationFrameScheduler, FrameBatcher, type FrameScheduler } from './frame-batcher'

export type IncidentDelta = { upserted: IncidentSummary[]; removed: string[] }
type DeltaListener = (delta: IncidentDelta) => void

export type ConsoleState = {
  /** True once the first snapshot is applied. */
  ready: boolean
  /** Why the last boot attempt failed (English detail; the UI shows a translated line). */
  bootError: string | null
  status: ConsoleStatus | null
  /** Same Map object across deltas (mutated in place): select incidentsVersion to re-render. */
  incidents: ReadonlyMap<string, IncidentSummary>
  incidentsVersion: number
  units: ReadonlyMap<string, Unit>
  handovers: ReadonlyMap<string, Handover>
  /** Rev 1.8: every functional grid of the scope (planned, active, ended); empty from an older hub. */
  functionalGrids: ReadonlyMap<string, FunctionalGrid>
  outbox: OutboxEntry[]
  reference: ReferenceData | null
  settings: Settings | null
  notices: Notice[]
  presence: Presence
  selectedId: string | null
  /** False while the link to the console back end (the web host's socket) is down: all shown data is stale. */
  carrierUp: boolean
  select: (id: string | null) => void
  dismissNotice: (id: string) => void
}

const incidentMap = new Map<string, IncidentSummary>()
const deltaListeners = new Set<DeltaListener>()
const MAX_NOTICES = 20

/**
 * Which incident ids each recent incidentsVersion step touched, so derived views (the queue) can
 * update in O(n) instead of re-sorting everything. A snapshot or reset clears it: start over.
 */
const JOURNAL_LENGTH = 64
let journal: { version: number; ids: string[] }[] = []

/** Ids changed after version `from` up to `to`, or null when the journal does not cover that span. */
export function incidentChangesSince(from: number, to: number): string[] | null {
  if (from === to) return []
  const steps = journal.filter((j) => j.version > from && j.version <= to)
  if (to < from || steps.length !== to - from) return null
  return steps.flatMap((j) => j.ids)
}

/** Everything a fresh store holds but the incident map and its version (kept by reset). */
function emptyState() {
  return {
    ready: false,
    bootError: null,
    status: null,
    units: new Map(),
    handovers: new Map(),
    functionalGrids: new Map(),
    outbox: [],
    reference: null,
    settings: null,
    notices: [],
    presence: { consoles: [] },
    selectedId: null,
    carrierUp: true
  } satisfies Partial<ConsoleState>
}

export const useConsole = create<ConsoleState>()((set) => ({
  ...emptyState(),
  incidents: incidentMap,
  incidentsVersion: 0,
  select: (id) => set({ selectedId: id }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
}))

/**
 * Subscribe to incident changes as they are applied (upserts and removals), so the map can
 * update its sources without diffing. The current full set is `useConsole.getState().incidents`
 * at subscription time; a snapshot arrives as one delta (everything upserted, the rest removed).
 */
export function onIncidentDelta(listener: DeltaListener): () => void {
  deltaListeners.add(listener)
  return () => deltaListeners.delete(listener)
}

function emitDelta(delta: IncidentDelta): void {
  if (delta.upserted.length === 0 && delta.removed.length === 0) return
  for (const listener of deltaListeners) {
    // A faulty listener must not stop the store or the other listeners.
    try {
      listener(delta)
    } catch (err) {
      console.error('incident delta listener failed', err)
    }
  }
}

/** Replace everything with a snapshot (first boot, or a reconnect of the carrier). */
export function applySnapshot(snapshot: Snapshot): void {
  const upserted: IncidentSummary[] = []
  const seen = new Set<string>()
  for (const incident of snapshot.incidents) {
    incidentMap.set(incident.id, incident)
    seen.add(incident.id)
    upserted.push(incident)
  }
  const removed: string[] = []
  for (const id of incidentMap.keys()) {
    if (!seen.has(id)) removed.push(id)
  }
  for (const id of removed) incidentMap.delete(id)
  journal = []
  useConsole.setState((s) => ({
    ready: true,
    bootError: null,
    status: snapshot.status,
    incidentsVersion: s.incidentsVersion + 1,
    units: new Map(snapshot.units.map((u) => [u.id, u])),
    handovers: new Map(snapshot.handovers.map((h) => [h.id, h])),
    functionalGrids: functionalGridsOf(snapshot),
    outbox: snapshot.outbox,
    presence: snapshot.presence,
    notices: mergeNotices([], snapshot.notices),
    selectedId: s.selectedId !== null && incidentMap.has(s.selectedId) ? s.selectedId : null
  }))
  emitDelta({ upserted, removed })
}

/** Apply one batch from main. Older versions than the ones held are skipped (main already orders them). */
export function applyDelta(delta: Delta): void {
  applyDeltas([delta])
}

/**
 * Apply several batches from main, in order, as ONE store update and ONE incident delta: the
 * frame batcher hands over everything that arrived since the last frame, so React renders the
 * queue once and the map diffs once however many WebSocket messages came in between.
 */
export function applyDeltas(deltas: readonly Delta[]): void {
  if (deltas.length === 0) return
  // Net change per id across the batches: a later upsert or removal replaces an earlier one.
  const upsertedById = new Map<string, IncidentSummary>()
  const removedIds = new Set<string>()
  for (const delta of deltas) {
    for (const incident of delta.incidents) {
      const held = incidentMap.get(incident.id)
      if (held && held.version > incident.version) continue
      incidentMap.set(incident.id, incident)
      removedIds.delete(incident.id)
      upsertedById.set(incident.id, incident)
    }
    for (const id of delta.removedIncidentIds) {
      if (incidentMap.delete(id)) {
        upsertedById.delete(id)
        removedIds.add(id)
      }
    }
  }
  const upserted = [...upsertedById.values()]
  const removed = [...removedIds]
  const lastSeq = Math.max(...deltas.map((d) => d.lastSeq))
  useConsole.setState((s) => {
    const next: Partial<ConsoleState> = {}
    if (upserted.length > 0 || removed.length > 0) {
      next.incidentsVersion = s.incidentsVersion + 1
      journal.push({ version: next.incidentsVersion, ids: [...upsertedById.keys(), ...removed] })
      if (journal.length > JOURNAL_LENGTH) journal.shift()
    }
    // One copy per frame, not one per batch: units move every few seconds each.
    let units: Map<string, Unit> | null = null
    let handovers: Map<string, Handover> | null = null
    for (const delta of deltas) {
      if (delta.units.length > 0 || delta.removedUnitIds.length > 0) {
        units ??= new Map(s.units)
        applyEntities(units, delta.units, delta.removedUnitIds)
      }
      if (delta.handovers.length > 0 || delta.removedHandoverIds.length > 0) {
        handovers ??= new Map(s.handovers)
        applyEntities(handovers, delta.handovers, delta.removedHandoverIds)
      }
    }
    if (units) next.units = units
    if (handovers) next.handovers = handovers
    const functionalGrids = applyFunctionalGridDeltas(s.functionalGrids, deltas)
    if (functionalGrids) next.functionalGrids = functionalGrids
    if (s.status && lastSeq > s.status.lastSeq) next.status = { ...s.status, lastSeq }
    return next
  })
  emitDelta({ upserted, removed })
}

/**
 * One case the renderer fetched itself (the find panel's search of the whole cache: a case finished
 * before today is outside the live set main hands over). Applied like a delta's upsert, so a newer
 * version from main always wins and this never replaces one; main sends no removal for it (it was never
 * in main's live set), and the next snapshot (a reconnect) drops it again. True when it was applied.
 */
export function upsertLocalIncident(incident: IncidentSummary): boolean {
  const held = incidentMap.get(incident.id)
  if (held && held.version >= incident.version) return false
  incidentMap.set(incident.id, incident)
  useConsole.setState((s) => {
    const version = s.incidentsVersion + 1
    journal.push({ version, ids: [incident.id] })
    if (journal.length > JOURNAL_LENGTH) journal.shift()
    return { incidentsVersion: version }
  })
  emitDelta({ upserted: [incident], removed: [] })
  return true
}

/** Applies upserts (newer or equal versions only) and removals to `next`, in place. */
function applyEntities<T extends { id: string; version: number }>(
  next: Map<string, T>,
  upserts: readonly T[],
  removedIds: readonly string[]
): void {
  for (const entity of upserts) {
    const old = next.get(entity.id)
    if (!old || old.version <= entity.version) next.set(entity.id, entity)
  }
  for (const id of removedIds) next.delete(id)
}

function mergeNotices(held: readonly Notice[], incoming: readonly Notice[]): Notice[] {
  const byId = new Map(held.map((n) => [n.id, n]))
  for (const n of incoming) byId.set(n.id, n)
  // Newest first, bounded so a chatty hub cannot grow the banner without end.
  return [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX_NOTICES)
}

export function setCarrierUp(up: boolean): void {
  if (useConsole.getState().carrierUp !== up) useConsole.setState({ carrierUp: up })
}

/**
 * `ownLocale` (k16c): a window whose language is its own (the wall, from its URL) keeps it whatever
 * the settings say; a seat's language follows the settings.
 */
export function applySettings(settings: Settings, ownLocale?: Locale): void {
  setLocale(ownLocale ?? settings.locale)
  useConsole.setState({ settings })
}

export type BootOptions = {
  /** Delay before retrying a failed load; tests pass 0. */
  retryMs?: number
  /**
   * Subscribe to "the carrier came back" (the web host's WebSocket reconnected): events sent
   * while it was down are lost, so the store loads a fresh snapshot then.
   */
  resyncOn?: (listener: () => void) => () => void
  /** k16c: this window's own language (the wall's ?lang=), never changed by the settings. */
  ownLocale?: Locale
  /**
   * When deltas are applied (issue 13): by default all that arrived since the last frame together,
   * just before the next paint; null applies each at once. Tests pass their own.
   */
  frame?: FrameScheduler | null
}

/**
 * Load the snapshot, reference data and settings, then follow every event. Events that arrive
 * while the snapshot is loading are held and replayed after it, so nothing falls between.
 * Returns a function that stops following (and stops retrying).
 */
export function bootConsoleStore(api: ConsoleApi, options: BootOptions = {}): () => void {
  const retryMs = options.retryMs ?? 2000
  let stopped = false
  let booted = false
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  const held: Delta[] = []
  let resyncAgain = false
  const frames = new FrameBatcher<Delta>(
    (deltas) => applyDeltas(deltas),
    options.frame === undefined ? animationFrameScheduler() : options.frame
  )
  // The load under way, if any, and the version it was started for (null: whatever the core holds).
  let referenceLoad: { wanted: string | null; done: Promise<void> } | null = null
  let heldReference: ReferenceData | null = null

  const loadReference = (wanted: string | null): Promise<void> => {
    if (referenceLoad && referenceLoad.wanted === wanted) return referenceLoad.done
    const load: { wanted: string | null; done: Promise<void> } = { wanted, done: Promise.resolve() }
    load.done = (async () => {
      try {
        const reference = await api.getReference()
        if (stopped || !reference) return
        // The map is built from the reference with the settings' basemap: shown before the settings,
        // it would be built twice. Held until the settings are applied (the transfer still overlaps).
        if (useConsole.getState().settings === null) heldReference = reference
        else useConsole.setState({ reference })
      } catch (err) {
        console.error('reference load failed', err)
      } finally {
        if (referenceLoad === load) referenceLoad = null
      }
    })()
    referenceLoad = load
    return load.done
  }

  const unsubs = [
    api.on('delta', (delta) => {
      if (booted) frames.push(delta)
      else held.push(delta)
    }),
    api.on('status', (status) => {
      useConsole.setState({ status })
      const reference = useConsole.getState().reference
      if (booted && status.referenceVersion !== null && reference?.version !== status.referenceVersion) {
        void loadReference(status.referenceVersion)
      }
    }),
    api.on('outbox', (outbox) => useConsole.setState({ outbox })),
    api.on('notice', (notice) =>
      useConsole.setState((s) => ({ notices: mergeNotices(s.notices, [notice]) }))
    ),
    api.on('presence', (presence) => useConsole.setState({ presence })),
    api.on('settings', (settings) => applySettings(settings, options.ownLocale))
  ]

  const boot = async (): Promise<void> => {
    // Issue 13 (start-up): the reference (grids, the map's first layers, 1.6 MB) does not depend on
    // the snapshot, so it loads alongside it instead of after it; the map can be built meanwhile.
    if (useConsole.getState().reference === null) void loadReference(null)
    try {
      const [snapshot, settings] = await Promise.all([api.getSnapshot(), api.getSettings()])
      if (stopped) return
      if (resyncAgain) {
        // The carrier dropped again while this load was under way: this snapshot may be stale.
        resyncAgain = false
        return void boot()
      }
      applySettings(settings, options.ownLocale)
      if (heldReference) useConsole.setState({ reference: heldReference })
      heldReference = null
      applySnapshot(snapshot)
      booted = true
      // Equal lastSeq too: main sends some deltas without a new seq (a case leaving the live set's
      // window, a command's result). Replaying one the snapshot already holds is harmless: upserts
      // are checked by version, and a removal it covers removes what the snapshot left out anyway.
      applyDeltas(held.splice(0).filter((delta) => delta.lastSeq >= snapshot.status.lastSeq))
      // The parallel load (if still under way) usually brings the snapshot's version; load again if not.
      const inFlight = referenceLoad as { done: Promise<void> } | null
      if (inFlight) await inFlight.done
      const wanted = snapshot.status.referenceVersion
      if (wanted !== null && useConsole.getState().reference?.version !== wanted) {
        await loadReference(wanted)
      }
    } catch (err) {
      if (stopped) return
      useConsole.setState({ bootError: err instanceof Error ? err.message : String(err) })
      retryTimer = setTimeout(() => void boot(), retryMs)
    }
  }
  void boot()

  if (options.resyncOn) {
    unsubs.push(
      options.resyncOn(() => {
        if (stopped) return
        if (!booted) {
          resyncAgain = true
          return
        }
        booted = false
        // Not yet applied: held like any delta during the load, replayed if newer than the snapshot.
        held.push(...frames.take())
        void boot()
      })
    )
  }

  return () => {
    stopped = true
    frames.take()
    if (retryTimer) clearTimeout(retryTimer)
    for (const unsub of unsubs) unsub()
  }
}

/** Forget everything (tests, and a carrier that starts over). */
export function resetConsoleStore(): void {
  incidentMap.clear()
  journal = []
  // The version only ever grows: memoised views key on it and must never see an old value again.
  useConsole.setState((s) => ({ ...emptyState(), incidentsVersion: s.incidentsVersion + 1 }))
}
