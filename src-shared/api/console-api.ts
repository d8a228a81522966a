// The one contract between the renderer and main. Written once as schemas; the TypeScript
// interface, the Electron IPC carrier and the web host's WebSocket carrier derive from it,
// so the renderer cannot tell which carrier it is on.
import { z } from 'zod'
import {
  Command,
  CommandPayloads,
  CommandTypeSchema,
  EscalationLevel,
  FunctionalGrid,
  Handover,
  Id,
  Incident,
  IsoDate,
  Notice,
  Presence,
  ReferenceData,
  Seq,
  StreetCode,
  Unit,
  User,
  Version
} from '../protocol'
import { DrillQuery, FigureChartsSchema, FiguresQuery, FiguresTableSchema } from './figures'
import { PrintReportOutcome, PrintReportRequest } from './print-report'
import { ApiError, resultSchema } from './result'
import { HubProbeResult, HubToken, HubUrl, RendererError, SetupRequest, SetupState } from './setup'
import { WallThresholds } from './wall-settings'

/** What the queue and the map need of a case; the full record comes from getIncident. */
export const IncidentSummary = Incident.pick({
  id: true,
  version: true,
  code: true,
  status: true,
  urgency: true,
  categoryCode: true,
  source: true,
  title: true,
  address: true,
  location: true,
  gridCode: true,
  reportedAt: true,
  assignees: true,
  deadlineAt: true,
  pausedAt: true,
  claimedBy: true,
  mergedInto: true,
  counters: true,
  updatedAt: true,
  // Rev 1.6 (issue 14): the last outside-the-list dispatch, for the case and the 网格 panel's list.
  outsideList: true
}).extend({ escalationLevel: EscalationLevel.nullable() })
export type IncidentSummary = z.infer<typeof IncidentSummary>

export function summarize(incident: Incident): IncidentSummary {
  return {
    id: incident.id,
    version: incident.version,
    code: incident.code,
    status: incident.status,
    urgency: incident.urgency,
    categoryCode: incident.categoryCode,
    source: incident.source,
    title: incident.title,
    address: incident.address,
    location: incident.location,
    gridCode: incident.gridCode,
    reportedAt: incident.reportedAt,
    assignees: incident.assignees,
    deadlineAt: incident.deadlineAt,
    pausedAt: incident.pausedAt,
    claimedBy: incident.claimedBy,
    mergedInto: incident.mergedInto,
    counters: incident.counters,
    updatedAt: incident.updatedAt,
    escalationLevel: incident.escalation?.level ?? null,
    ...(incident.outsideList ? { outsideList: incident.outsideList } : {})
  }
}

/** A command as the renderer asks for it; main adds commandId and issuedAt. */
export const CommandRequest = z
  .object({
    type: CommandTypeSchema,
    incidentId: Id.optional(),
    handoverId: Id.optional(),
    /** Rev 1.8: the functional grid `functionalGrid.end` ends. */
    functionalGridId: Id.optional(),
    expectedVersion: Version.optional(),
    payload: z.record(z.string(), z.unknown())
  })
  .superRefine((req, ctx) => {
    const payload = CommandPayloads[req.type].safeParse(req.payload)
    if (!payload.success) {
      for (const issue of payload.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['payload', ...issue.path.map(String)], message: issue.message })
      }
    }
    if (req.type === 'functionalGrid.end' && req.functionalGridId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['functionalGridId'], message: 'functionalGrid.end needs functionalGridId' })
    }
  })
export type CommandRequest = z.infer<typeof CommandRequest>

export const OutboxState = z.enum(['queued', 'sending', 'failed', 'conflict'])
export type OutboxState = z.infer<typeof OutboxState>

/** A command in the outbox: pending until the hub answers, or held with a final error. */
export const OutboxEntry = z.object({
  command: Command,
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  error: ApiError.nullable(),
  /** On `conflict`: the case as the hub holds it now, for the person to decide. */
  current: Incident.nullable(),
  queuedAt: IsoDate
})
export type OutboxEntry = z.infer<typeof OutboxEntry>

export const ConnectionState = z.enum(['connecting', 'online', 'degraded', 'offline'])
export type ConnectionState = z.infer<typeof ConnectionState>

/** What this client may do: a viewer token (the wall) may read but never command. */
export const Access = z.enum(['operator', 'viewer'])
export type Access = z.infer<typeof Access>

/** Why the cache cannot be written: the disk is full, the file read-only, unreadable or gone. */
export const StorageAlarmKind = z.enum(['full', 'read_only', 'io', 'cannot_open', 'vanished'])
export type StorageAlarmKind = z.infer<typeof StorageAlarmKind>
export const StorageAlarm = z.object({
  kind: StorageAlarmKind,
  /** When the first failed write of this spell happened. */
  since: IsoDate,
  /** The driver's words, for the log and the support person (no case text: SQLite errors carry none). */
  message: z.string().max(500)
})
export type StorageAlarm = z.infer<typeof StorageAlarm>

export const ConsoleStatus = z.object({
  consoleId: Id,
  connection: ConnectionState,
  hubUrl: z.string().max(2000),
  /** True when the console runs its own demo hub and simulator. */
  demo: z.boolean(),
  access: Access,
  user: User.nullable(),
  scopeStreets: z.array(StreetCode),
  lastSeq: Seq,
  headSeq: Seq,
  outboxCount: z.number().int().nonnegative(),
  /** Changes from the hub refused by validation since start (see the console log). */
  rejectedChanges: z.number().int().nonnegative(),
  lastContactAt: IsoDate.nullable(),
  /** Why the hub refused the handshake (a bad token, another protocol); null when it did not. */
  hubRefusal: z.enum(['unauthorized', 'protocol_unsupported', 'invalid', 'other']).nullable(),
  rttMs: z.number().nonnegative().nullable(),
  /** hub clock minus console clock; add it to Date.now() for hub time. */
  clockSkewMs: z.number(),
  referenceVersion: z.string().nullable(),
  /** Set once when a damaged cache was moved aside and rebuilt. */
  cacheNotice: z.object({ movedTo: z.string().max(2000), at: IsoDate }).nullable(),
  /** Set while the cache cannot be written; null when storage is healthy. */
  storage: StorageAlarm.nullable(),
  /**
   * Rev 1.8: the hub's `welcome.features` (e.g. 'functionalGrid'); undefined before the first welcome
   * or from a hub that predates rev 1.8 (the console then hides what needs them and says why).
   */
  hubFeatures: z.array(z.string().max(64)).max(20).optional()
})
export type ConsoleStatus = z.infer<typeof ConsoleStatus>

export const BasemapSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('pmtiles'), path: z.string().min(1).max(4000) }),
  z.object({
    kind: z.literal('xyz'),
    url: z.string().min(1).max(4000),
    crs: z.enum(['wgs84', 'gcj02']),
    attribution: z.string().max(200).optional()
  })
])
export type BasemapSettings = z.infer<typeof BasemapSettings>

export const Settings = z.object({
  locale: z.enum(['zh-CN', 'en-US']),
  basemap: BasemapSettings,
  /** Fly the map to each new urgent case. */
  flyToUrgent: z.boolean(),
  /** Electron only: display id for the wall window; null picks the external one. */
  wallDisplayId: z.number().int().nullable(),
  // k16a (issue 16): beep on each new urgent case; absent means on (files written before keep working).
  urgentSound: z.boolean().optional(),
  // issue 16 item 5 (k16c): the wall's figure colours; absent → the domain's defaults.
  wallThresholds: WallThresholds.optional(),
  // k16b (issue 16): accepting a case also claims it for this seat, so the hall leaves it alone.
  /** Claim a case for this seat when accepting it (absent → on; the claim goes out only after the accept is applied). */
  claimOnAccept: z.boolean().optional()
})
export type Settings = z.infer<typeof Settings>

export const Snapshot = z.object({
  status: ConsoleStatus,
  incidents: z.array(IncidentSummary),
  units: z.array(Unit),
  handovers: z.array(Handover),
  outbox: z.array(OutboxEntry),
  presence: Presence,
  notices: z.array(Notice),
  /** Rev 1.8: every functional grid the console holds for its scope (planned, active, ended); absent = none or an older hub. */
  functionalGrids: z.array(FunctionalGrid).max(2000).optional()
})
export type Snapshot = z.infer<typeof Snapshot>

/** One batch of cache changes, forwarded as one event. */
export const Delta = z.object({
  lastSeq: Seq,
  incidents: z.array(IncidentSummary),
  removedIncidentIds: z.array(Id),
  units: z.array(Unit),
  removedUnitIds: z.array(Id),
  handovers: z.array(Handover),
  removedHandoverIds: z.array(Id),
  /** Rev 1.8: functional grids changed by the batch, and those gone (out of scope or deleted). */
  functionalGrids: z.array(FunctionalGrid).optional(),
  removedFunctionalGridIds: z.array(Id).optional()
})
export type Delta = z.infer<typeof Delta>

export const OutboxResolution = z.enum(['discard', 'retry'])

/** What findIncidents searches for: a code (or part of one), a title or an address fragment. */
export const FindQuery = z.string().trim().min(1).max(64)
/** How many cases findIncidents may return. */
export const FIND_LIMIT_MAX = 50
export const FindLimit = z.number().int().min(1).max(FIND_LIMIT_MAX)
/** What part of a found case matched the query (issue 16): the find panel says so. */
export const FindField = z.enum(['code', 'title', 'address', 'reporter', 'phone'])
export type FindField = z.infer<typeof FindField>
/** A found case, what matched, and for a reporter match the reporter's name and (masked) phone. */
export const FindMatch = z.object({
  incident: IncidentSummary,
  matched: FindField,
  reporter: z.object({ name: z.string().max(100).optional(), phone: z.string().max(40).optional() }).nullable()
})
export type FindMatch = z.infer<typeof FindMatch>

type MethodSpec = { params: z.ZodType; result: z.ZodType; mutates: boolean; viewer: boolean }

/**
 * Methods: params as a tuple schema, result schema, `mutates` (changes state), and `viewer`: whether a
 * read-only (viewer, wall) connection may call it. Least privilege: a method is refused to viewers
 * with `read_only` unless it says `viewer: true`; only what the wall draws is open to it.
 */
export const consoleApiMethods = {
  getSnapshot: { params: z.tuple([]), result: Snapshot, mutates: false, viewer: true },
  getReference: { params: z.tuple([]), result: ReferenceData.nullable(), mutates: false, viewer: true },
  // Not for the wall (issue 15): the full record holds the reporter's name and phone and the timeline.
  getIncident: { params: z.tuple([Id]), result: Incident.nullable(), mutates: false, viewer: false },
  /**
   * Cases in the whole cache (the renderer holds only the live set) whose code, title or address
   * contains the query, case-insensitive: exact code first, then code prefix, code substring, title or
   * address; newest reported first within each. For the find panel: a case closed before today.
   */
  findIncidents: {
    params: z.tuple([FindQuery, FindLimit]),
    result: z.array(IncidentSummary).max(FIND_LIMIT_MAX),
    mutates: false,
    // Not for the wall (issue 15): it searches the whole cache, closed cases included.
    viewer: false
  },
  getSettings: { params: z.tuple([]), result: Settings, mutates: false, viewer: true },
  issueCommand: { params: z.tuple([CommandRequest]), result: resultSchema(OutboxEntry), mutates: true, viewer: false },
  /** After a conflict or final error: drop the command, or send it again as a new one. */
  resolveOutbox: {
    params: z.tuple([z.uuid(), OutboxResolution]),
    result: resultSchema(z.null()),
    mutates: true,
    viewer: false
  },
  updateSettings: { params: z.tuple([Settings.partial()]), result: resultSchema(Settings), mutates: true, viewer: false },
  // issue 10: the §6 figures from the cache (the wall draws today's), and the cases behind a figure.
  getFigures: { params: z.tuple([FiguresQuery]), result: FiguresTableSchema, mutates: false, viewer: true },
  listFigureCases: {
    params: z.tuple([FiguresQuery, DrillQuery]),
    result: z.array(IncidentSummary).max(100_000),
    mutates: false,
    viewer: false
  },
  /** The cases received in the period as the CSV of docs/exports.md (BOM, zh-CN headers), for the view's export. */
  exportCasesCsv: { params: z.tuple([FiguresQuery]), result: z.string().max(512 * 2 ** 20), mutates: false, viewer: false },
  // Issue 12 (desktop app): the settings file, first run, the log folder.
  /** The app's configuration (no token), and whether the first-run screen is due. */
  getSetup: { params: z.tuple([]), result: SetupState, mutates: false, viewer: false },
  /** Tests a hub address and token with a real Socket.IO handshake; saves nothing. */
  testHub: { params: z.tuple([HubUrl, HubToken]), result: HubProbeResult, mutates: false, viewer: false },
  /** Saves the hub choice (a real hub is tested first and refused with the probe's reason). */
  saveSetup: {
    params: z.tuple([SetupRequest]),
    result: z.union([
      z.object({ ok: z.literal(true), value: SetupState }),
      z.object({ ok: z.literal(false), error: ApiError, probe: HubProbeResult.optional() })
    ]),
    mutates: true,
    viewer: false
  },
  /** Opens the log folder in the file manager (Electron); in browser mode only returns its path. */
  openLogFolder: {
    params: z.tuple([]),
    result: z.object({ path: z.string().max(4000), opened: z.boolean() }),
    mutates: false,
    viewer: false
  },
  /** A renderer error (window.onerror, an unhandled rejection), written to the log files. */
  reportError: { params: z.tuple([RendererError]), result: z.null(), mutates: false, viewer: true },
  /** Writes a diagnostics zip (logs, versions, settings without secrets, sync state) and returns its path. */
  writeDiagnostics: {
    params: z.tuple([]),
    result: resultSchema(z.object({ path: z.string().max(4000), bytes: z.number().int().nonnegative() })),
    mutates: false,
    viewer: false
  },
  // issue 10 (j10a): the metrics view's trend and category charts, from the same cache read as getFigures.
  getFigureCharts: { params: z.tuple([FiguresQuery]), result: FigureChartsSchema, mutates: false, viewer: false },
  // Issue 15 (k15): wall-token rotation. Browser mode's web host answers it (the wall token is its own,
  // not the hub's): a new viewer token, the old one refused from then on and every wall socket that
  // used it closed. Operator access only — whoever sits at this seat, any role; never a wall screen.
  rotateViewerToken: {
    params: z.tuple([]),
    result: resultSchema(z.object({ wallUrl: z.string().max(4000) })),
    mutates: true,
    viewer: false
  },
  /**
   * Issue 16: findIncidents that also matches the reporter's name and phone (12345 call-backs) and says
   * what matched; same order, with reporter then phone matches after title/address. Not for the wall.
   */
  findIncidentMatches: {
    params: z.tuple([FindQuery, FindLimit]),
    result: z.array(FindMatch).max(FIND_LIMIT_MAX),
    mutates: false,
    viewer: false
  },
  // Issue 10 (h10print): print the 交接班记录 or the 日报 shown in the calling window — to a PDF the user
  // picks, or through the system print dialog. Only Electron can; elsewhere `unsupported` (use window.print()).
  printReport: { params: z.tuple([PrintReportRequest]), result: PrintReportOutcome, mutates: false, viewer: false }
} as const satisfies Record<string, MethodSpec>

export type ConsoleApiMethod = keyof typeof consoleApiMethods
export type MethodParams<M extends ConsoleApiMethod> = z.infer<(typeof consoleApiMethods)[M]['params']>
export type MethodResult<M extends ConsoleApiMethod> = z.infer<(typeof consoleApiMethods)[M]['result']>

export const consoleApiEvents = {
  delta: Delta,
  status: ConsoleStatus,
  outbox: z.array(OutboxEntry),
  notice: Notice,
  presence: Presence,
  settings: Settings,
  // Issue 12: the app's configuration changed (saved from the first-run screen or the settings panel).
  setup: SetupState
} as const
export type ConsoleApiEvent = keyof typeof consoleApiEvents
export type EventPayload<E extends ConsoleApiEvent> = z.infer<(typeof consoleApiEvents)[E]>

/** The interface every carrier implements and the renderer consumes. */
export type ConsoleApi = {
  [M in ConsoleApiMethod]: (...args: MethodParams<M>) => Promise<MethodResult<M>>
} & {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends ConsoleApiEvent>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Channel names on both carriers share one prefix, so a preload can refuse any other. */
export const API_CHANNEL_PREFIX = 'gcc:'
export const methodChannel = (m: ConsoleApiMethod): string => `${API_CHANNEL_PREFIX}call:${m}`
export const eventChannel = (e: ConsoleApiEvent): string => `${API_CHANNEL_PREFIX}event:${e}`

export { IsoDate }
