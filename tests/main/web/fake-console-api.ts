// A small in-memory ConsoleApi for carrier tests: records calls, emits events on demand,
// and can be told to throw, so the carriers are tested without the real core.
import type {
  ConsoleApi,
  ConsoleApiEvent,
  ConsoleStatus,
  EventPayload,
  OutboxEntry,
  Settings,
  Snapshot
} from '../../../src-shared/api'
import { summarize } from '../../../src-shared/api'
import { figureCharts, figuresTable } from '../../../src-shared/domain'
import { fixedSetupMethods } from '../../../src-main/core/setup-fixed'
import type { Incident } from '../../../src-shared/protocol'

export const STATUS: ConsoleStatus = {
  consoleId: 'c-test',
  connection: 'online',
  hubUrl: 'http://127.0.0.1:1',
  demo: true,
  access: 'operator',
  user: { id: 'u1', name: '张三', role: 'dispatcher' },
  scopeStreets: ['110101001'],
  lastSeq: 3,
  headSeq: 3,
  outboxCount: 0,
  rejectedChanges: 0,
  lastContactAt: '2025-01-01T00:00:00Z',
  hubRefusal: null,
  rttMs: 12,
  clockSkewMs: 0,
  referenceVersion: null,
  cacheNotice: null,
  storage: null
}

export const SETTINGS: Settings = {
  locale: 'zh-CN',
  basemap: { kind: 'none' },
  flyToUrgent: true,
  wallDisplayId: null
}

export const INCIDENT: Incident = {
  id: 'i-1',
  version: 1,
  seq: 3,
  code: 'DC-0001',
  status: 'reported',
  urgency: 'urgent',
  categoryCode: '0101',
  source: 'grid_worker',
  title: '井盖缺失',
  description: '',
  address: '东城区某街',
  location: { lng: 116.41, lat: 39.91 },
  gridCode: '110101001001001',
  reportedAt: '2025-01-01T00:00:00Z',
  reporter: {},
  photos: [],
  assignees: [],
  deadlineAt: null,
  pausedAt: null,
  escalation: null,
  claimedBy: null,
  mergedInto: null,
  counters: { returns: 0, reworks: 0, urges: 0, extensions: 0 },
  timeline: [],
  updatedAt: '2025-01-01T00:00:00Z'
}

export type FakeApi = ConsoleApi & {
  calls: { method: string; params: unknown[] }[]
  emit<E extends ConsoleApiEvent>(event: E, payload: EventPayload<E>): void
  listenerCount(): number
  /** The next call of this method throws. */
  failNext(method: string): void
}

export function createFakeApi(): FakeApi {
  const listeners = new Map<ConsoleApiEvent, Set<(p: unknown) => void>>()
  const calls: { method: string; params: unknown[] }[] = []
  const failing = new Set<string>()
  let settings: Settings = { ...SETTINGS }
  const outbox: OutboxEntry[] = []

  function record(method: string, params: unknown[]): void {
    calls.push({ method, params })
    if (failing.delete(method)) throw new Error(`fake failure in ${method}`)
  }

  const api: FakeApi = {
    calls,
    async getSnapshot(): Promise<Snapshot> {
      record('getSnapshot', [])
      return {
        status: STATUS,
        incidents: [],
        units: [],
        handovers: [],
        outbox,
        presence: { consoles: [] },
        notices: []
      }
    },
    async getReference() {
      record('getReference', [])
      return null
    },
    async getIncident(id) {
      record('getIncident', [id])
      return id === INCIDENT.id ? INCIDENT : null
    },
    async findIncidents(query, limit) {
      record('findIncidents', [query, limit])
      // Code, title or address, like the core; the fake holds one case.
      const q = query.toLowerCase()
      const hit = [INCIDENT.code, INCIDENT.title, INCIDENT.address].some((text) => text.toLowerCase().includes(q))
      return hit ? [summarize(INCIDENT)].slice(0, limit) : []
    },
    async findIncidentMatches(query, limit) {
      record('findIncidentMatches', [query, limit])
      const q = query.toLowerCase()
      const hit = [INCIDENT.code, INCIDENT.title, INCIDENT.address].some((text) => text.toLowerCase().includes(q))
      return hit ? [{ incident: summarize(INCIDENT), matched: 'code' as const, reporter: null }].slice(0, limit) : []
    },
    async getSettings() {
      record('getSettings', [])
      return settings
    },
    async issueCommand(req) {
      record('issueCommand', [req])
      return { ok: false, error: { code: 'not_ready', message: 'fake core has no hub' } }
    },
    async resolveOutbox(commandId, resolution) {
      record('resolveOutbox', [commandId, resolution])
      return { ok: true, value: null }
    },
    async updateSettings(patch) {
      record('updateSettings', [patch])
      settings = { ...settings, ...patch }
      return { ok: true, value: settings }
    },
    async getFigures(query) {
      record('getFigures', [query])
      return figuresTable([INCIDENT], { from: new Date(query.from), to: new Date(query.to) }, query.by, { nowMs: Date.now(), offsetMinutes: 480 })
    },
    async listFigureCases(query, drill) {
      record('listFigureCases', [query, drill])
      return []
    },
    async getFigureCharts(query) {
      record('getFigureCharts', [query])
      return figureCharts([INCIDENT], { from: new Date(query.from), to: new Date(query.to) }, 480)
    },
    async exportCasesCsv(query) {
      record('exportCasesCsv', [query])
      return '\uFEFF案件编号\r\n'
    },
    ...fixedSetupMethods({ hubUrl: 'http://127.0.0.1:1', demo: false, dataDir: '/nowhere' }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const l = listener as (p: unknown) => void
      set.add(l)
      return () => {
        set.delete(l)
      }
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
    listenerCount() {
      let n = 0
      for (const set of listeners.values()) n += set.size
      return n
    },
    failNext(method) {
      failing.add(method)
    }
  }
  return api
}
