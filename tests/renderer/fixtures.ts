// Test data for renderer tests: valid protocol entities and a fake ConsoleApi that records calls
// and lets a test push events, standing in for the Electron/WebSocket carriers.
import { resetQueueView } from '../../src-renderer/console/queue/queue-view'
import { dismissUrgentAlert } from '../../src-renderer/console/queue/urgent-alert'
import { closePanel, useUi } from '../../src-renderer/console/ui-store'
import { setLocale } from '../../src-renderer/i18n/i18n'
import { resetConsoleStore } from '../../src-renderer/state/console-store'
import type {
  ConsoleApi,
  ConsoleApiEvent,
  ConsoleStatus,
  EventPayload,
  IncidentSummary,
  OutboxEntry,
  Settings,
  Snapshot
} from '../../src-shared/api'
import { summarize, type FiguresQuery, type FindMatch } from '../../src-shared/api'
import { casesBehind, figureCharts, figuresTable, gridTypeLookup, reporterMatch } from '../../src-shared/domain'
import type { HubProbeResult, SetupRequest, SetupState } from '../../src-shared/api'
import type { Incident, ReferenceData, Unit } from '../../src-shared/protocol'

let counter = 0

export function makeIncident(over: Partial<Incident> = {}): Incident {
  counter += 1
  const id = over.id ?? `inc-${counter}`
  return {
    id,
    version: 1,
    seq: counter,
    code: `DC20261122-${String(counter).padStart(4, '0')}`,
    status: 'reported',
    urgency: 'normal',
    categoryCode: '0102',
    source: 'grid_worker',
    title: `Case ${id}`,
    description: 'Rubbish by the gate',
    address: 'Dongcheng, 1 Example Lane',
    location: { lng: 116.41, lat: 39.91 },
    gridCode: '110101001001007',
    reportedAt: '2026-11-22T01:00:00.000Z',
    reporter: { name: 'Wang' },
    photos: [],
    assignees: [],
    deadlineAt: null,
    pausedAt: null,
    escalation: null,
    claimedBy: null,
    mergedInto: null,
    counters: { returns: 0, reworks: 0, urges: 0, extensions: 0 },
    timeline: [],
    updatedAt: '2026-11-22T01:00:00.000Z',
    ...over
  }
}

export function makeSummary(over: Partial<Incident> = {}): IncidentSummary {
  return summarize(makeIncident(over))
}

export function makeUnit(over: Partial<Unit> = {}): Unit {
  counter += 1
  return {
    id: over.id ?? `unit-${counter}`,
    version: 1,
    seq: counter,
    name: `Unit ${counter}`,
    kind: 'street_dept',
    streetCode: '110101001',
    gridCodes: [],
    categories: ['01'],
    status: 'available',
    location: { lng: 116.4, lat: 39.9 },
    openCount: 0,
    ...over
  }
}

export function makeStatus(over: Partial<ConsoleStatus> = {}): ConsoleStatus {
  return {
    consoleId: 'console-me',
    connection: 'online',
    hubUrl: 'http://127.0.0.1:1',
    demo: false,
    access: 'operator',
    user: { id: 'user-1', name: 'Li', role: 'dispatcher' },
    scopeStreets: ['110101001'],
    lastSeq: 10,
    headSeq: 10,
    outboxCount: 0,
    rejectedChanges: 0,
    lastContactAt: '2026-11-22T01:00:00.000Z',
    hubRefusal: null,
    rttMs: 20,
    clockSkewMs: 0,
    referenceVersion: 'ref-1',
    cacheNotice: null,
    storage: null,
    ...over
  }
}

export function makeSettings(over: Partial<Settings> = {}): Settings {
  return { locale: 'zh-CN', basemap: { kind: 'none' }, flyToUrgent: false, wallDisplayId: null, ...over }
}

export function makeSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    status: makeStatus(),
    incidents: [],
    units: [],
    handovers: [],
    outbox: [],
    presence: { consoles: [] },
    notices: [],
    ...over
  }
}

export function makeReference(over: Partial<ReferenceData> = {}): ReferenceData {
  return {
    version: 'ref-1',
    streets: [],
    communities: [],
    grids: { type: 'FeatureCollection', features: [] },
    categories: [
      {
        code: '0102',
        major: '01',
        kind: 'event',
        name: '暴露垃圾',
        nameEn: 'Exposed rubbish',
        limit: { value: 4, unit: 'working_hours' },
        defaultUrgency: 'normal'
      }
    ],
    responsibilities: [],
    calendar: { utcOffsetMinutes: 480, periods: [{ start: '08:30', end: '17:30' }], workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] },
    ...over
  }
}

export function makeOutboxEntry(over: Partial<OutboxEntry> & { incidentId?: string } = {}): OutboxEntry {
  counter += 1
  const { incidentId, ...rest } = over
  return {
    command: {
      commandId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      type: 'accept',
      incidentId: incidentId ?? 'inc-x',
      expectedVersion: 1,
      payload: {},
      issuedAt: '2026-11-22T01:00:00.000Z'
    },
    state: 'queued',
    attempts: 0,
    error: null,
    current: null,
    queuedAt: '2026-11-22T01:00:00.000Z',
    ...rest
  }
}

type AnyListener = (payload: never) => void

/** A ConsoleApi in memory: answers from fields the test sets, records commands, emits events on demand. */
export class FakeApi implements ConsoleApi {
  snapshot: Snapshot = makeSnapshot()
  reference: ReferenceData | null = makeReference()
  settings: Settings = makeSettings()
  incidents = new Map<string, Incident>()
  commands: Parameters<ConsoleApi['issueCommand']>[0][] = []
  resolutions: [string, 'discard' | 'retry'][] = []
  nextCommandResult: Awaited<ReturnType<ConsoleApi['issueCommand']>> | null = null
  failSnapshot = 0
  private listeners = new Map<ConsoleApiEvent, Set<AnyListener>>()

  getSnapshot = async (): Promise<Snapshot> => {
    if (this.failSnapshot > 0) {
      this.failSnapshot -= 1
      throw new Error('carrier closed')
    }
    return this.snapshot
  }
  getReference = async (): Promise<ReferenceData | null> => this.reference
  getIncident = async (id: string): Promise<Incident | null> => this.incidents.get(id) ?? null
  /** Each findIncidents call, in order. */
  finds: [string, number][] = []
  /** What findIncidents searches: the whole cache, which the snapshot may leave cases out of. */
  cache: IncidentSummary[] = []
  findIncidents: ConsoleApi['findIncidents'] = async (query, limit) => {
    this.finds.push([query, limit])
    const q = query.trim().toLowerCase()
    return this.cache.filter((s) => [s.code, s.title, s.address].some((f) => f.toLowerCase().includes(q))).slice(0, limit)
  }
  /**
   * Like the core: code, title or address of `cache`, then the reporter's name or phone of the full
   * records in `incidents` (the domain's reporter rule), saying what matched. Logged in `finds` too.
   */
  findIncidentMatches: ConsoleApi['findIncidentMatches'] = async (query, limit) => {
    const found = await this.findIncidents(query, limit)
    const q = query.trim().toLowerCase()
    const out: FindMatch[] = found.map((incident) => ({
      incident,
      matched: incident.code.toLowerCase().includes(q) ? 'code' : incident.title.toLowerCase().includes(q) ? 'title' : 'address',
      reporter: null
    }))
    for (const full of this.incidents.values()) {
      const hit = reporterMatch(full.reporter, query)
      if (hit && !out.some((m) => m.incident.id === full.id)) out.push({ incident: summarize(full), matched: hit.field, reporter: full.reporter })
    }
    return out.slice(0, limit)
  }
  getSettings = async (): Promise<Settings> => this.settings
  /** The domain's figures over the fake's full cases, as the core computes them over its cache. */
  getFigures: ConsoleApi['getFigures'] = async (q) =>
    figuresTable([...this.incidents.values()], { from: new Date(q.from), to: new Date(q.to) }, q.by, {
      nowMs: Date.now(),
      offsetMinutes: this.reference?.calendar.utcOffsetMinutes ?? 480,
      gridTypeOf: gridTypeLookup(this.reference)
    })
  listFigureCases: ConsoleApi['listFigureCases'] = async (q, drill) => {
    const all = [...this.incidents.values()]
    const ids = new Set(casesBehind(all, { from: new Date(q.from), to: new Date(q.to) }, q.by, drill.key, drill.figure, { nowMs: Date.now(), offsetMinutes: 480 }))
    return all.filter((c) => ids.has(c.id)).map(summarize)
  }
  getFigureCharts: ConsoleApi['getFigureCharts'] = async (q) =>
    figureCharts([...this.incidents.values()], { from: new Date(q.from), to: new Date(q.to) }, this.reference?.calendar.utcOffsetMinutes ?? 480)
  /** Each exportCasesCsv query, in order; answers a one-row CSV. */
  exports: FiguresQuery[] = []
  exportCasesCsv: ConsoleApi['exportCasesCsv'] = async (q) => {
    this.exports.push(q)
    return '\uFEFF案件编号\r\nDC-1\r\n'
  }
  issueCommand: ConsoleApi['issueCommand'] = async (request) => {
    this.commands.push(request)
    if (this.nextCommandResult) return this.nextCommandResult
    const entry = makeOutboxEntry({ incidentId: request.incidentId })
    return {
      ok: true,
      value: {
        ...entry,
        command: { ...entry.command, type: request.type, expectedVersion: request.expectedVersion, payload: request.payload }
      }
    }
  }
  resolveOutbox: ConsoleApi['resolveOutbox'] = async (commandId, resolution) => {
    this.resolutions.push([commandId, resolution])
    return { ok: true, value: null }
  }
  updateSettings: ConsoleApi['updateSettings'] = async (partial) => {
    this.settings = { ...this.settings, ...partial }
    return { ok: true, value: this.settings }
  }
  // Issue 12: the app's setup (settings file, first run).
  setup: SetupState = makeSetup()
  probes: [string, string][] = []
  nextProbe: HubProbeResult = { ok: false, failure: 'unreachable', detail: 'ECONNREFUSED' }
  saved: SetupRequest[] = []
  getSetup: ConsoleApi['getSetup'] = async () => this.setup
  testHub: ConsoleApi['testHub'] = async (url, token) => {
    this.probes.push([url, token])
    return this.nextProbe
  }
  saveSetup: ConsoleApi['saveSetup'] = async (request) => {
    this.saved.push(request)
    if (request.hub.kind === 'hub' && !this.nextProbe.ok) {
      return { ok: false, error: { code: 'invalid', message: 'hub test failed' }, probe: this.nextProbe }
    }
    this.setup = {
      ...this.setup,
      firstRun: false,
      hub: request.hub.kind === 'demo' ? { kind: 'demo' } : { kind: 'hub', url: request.hub.url, tokenStored: true },
      seatName: request.seatName ?? this.setup.seatName
    }
    return { ok: true, value: this.setup }
  }
  openLogFolder: ConsoleApi['openLogFolder'] = async () => ({ path: this.setup.logDir, opened: false })
  reportedErrors: Parameters<ConsoleApi['reportError']>[0][] = []
  reportError: ConsoleApi['reportError'] = async (error) => {
    this.reportedErrors.push(error)
    return null
  }
  writeDiagnostics: ConsoleApi['writeDiagnostics'] = async () => ({ ok: true, value: { path: '/data/diagnostics.zip', bytes: 1 } })
  // Issue 15 (k15): each rotation hands out the next wall link.
  rotations = 0
  rotateViewerToken: ConsoleApi['rotateViewerToken'] = async () => ({
    ok: true,
    value: { wallUrl: `http://127.0.0.1:5173/wall?token=rotated-${++this.rotations}` }
  })
  // Issue 10 (h10print): what printReport answers (browser mode by default) and what it was asked.
  printOutcome: Awaited<ReturnType<ConsoleApi['printReport']>> = { status: 'unsupported', message: 'browser mode' }
  printRequests: Parameters<ConsoleApi['printReport']>[0][] = []
  printReport: ConsoleApi['printReport'] = async (request) => {
    this.printRequests.push(request)
    return this.printOutcome
  }
  on<E extends ConsoleApiEvent>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as AnyListener)
    return () => set.delete(listener as AnyListener)
  }
  emit<E extends ConsoleApiEvent>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload)
  }
  listenerCount(): number {
    let n = 0
    for (const set of this.listeners.values()) n += set.size
    return n
  }
}

/** A configured console's setup (no first run); tests override fields. */
export function makeSetup(overrides: Partial<SetupState> = {}): SetupState {
  return {
    firstRun: false,
    hub: { kind: 'hub', url: 'http://hub.test:4000', tokenStored: true },
    seatName: '',
    settingsFile: '/data/settings.json',
    dataDir: '/data',
    logDir: '/data/logs',
    tokenStorage: 'file',
    overrides: [],
    settingsNotice: null,
    restartNeeded: false,
    startError: null,
    ...overrides
  }
}

/** A fresh seat before each view test: empty store, no panel, no flash, zh-CN. */
export function resetSeat(): void {
  resetConsoleStore()
  closePanel()
  useUi.setState({ flash: null })
  // k16a: the queue's filter and the new-urgent alert.
  resetQueueView()
  dismissUrgentAlert()
  setLocale('zh-CN')
}
