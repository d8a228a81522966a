// Starts a reference hub in-process for tests: 127.0.0.1, random port, temp SQLite file, fixed tokens
// for every role, the small fixture reference (tests/hub/fixtures) unless told otherwise.
import { boundConsoleId } from '../../src-shared/domain/claim-identity'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { interiorPoint } from '../../src-shared/geo'
import type { Incident } from '../../src-shared/protocol'
import type { Caller } from '../../src-hub/answers'
import { createHub, type Hub, type HubOptions } from '../../src-hub/hub'
import type { TokenConfig } from '../../src-hub/tokens'

const here = dirname(fileURLToPath(import.meta.url))
export const FIXTURE_REFERENCE_PATH = resolve(here, '../hub/fixtures/reference.json')
export const FIXTURE_UNITS_PATH = resolve(here, '../hub/fixtures/units.json')
/** The project's demo data (H1 builds it); large, so tests use the fixture unless they need it. */
export const RESOURCES_REFERENCE_PATH = resolve(here, '../../resources/reference/reference.json')
export const RESOURCES_UNITS_PATH = resolve(here, '../../resources/reference/units.json')

/** Streets of the fixture reference. */
export const FIXTURE_STREETS = ['110101001', '110101002'] as const

export interface TestTokens {
  lead: string
  /** A second lead, to acknowledge handovers the first one submits. */
  lead2: string
  dispatcher: string
  viewer: string
  /** A field gateway: role unit, no bound unit, acts for the unit each command names. */
  unit: string
  district: string
}

export const TEST_TOKENS: TestTokens = {
  lead: 'test-lead-token',
  lead2: 'test-lead2-token',
  dispatcher: 'test-dispatcher-token',
  viewer: 'test-viewer-token',
  unit: 'test-unit-token',
  district: 'test-district-token'
}

export const TEST_TOKEN_CONFIGS: TokenConfig[] = [
  { token: TEST_TOKENS.lead, user: { id: 'user-lead', name: '王值班长', role: 'lead' }, streets: '*' },
  { token: TEST_TOKENS.lead2, user: { id: 'user-lead2', name: '李值班长', role: 'lead' }, streets: '*' },
  { token: TEST_TOKENS.dispatcher, user: { id: 'user-dispatcher', name: '张调度', role: 'dispatcher' }, streets: '*' },
  { token: TEST_TOKENS.viewer, user: { id: 'user-viewer', name: '大屏', role: 'viewer' }, streets: '*' },
  { token: TEST_TOKENS.unit, user: { id: 'user-field', name: '城管通', role: 'unit' }, streets: '*', unlimited: true },
  { token: TEST_TOKENS.district, user: { id: 'user-district', name: '区指挥中心', role: 'district' }, streets: '*' }
]

export interface StartTestHubOptions {
  /** Extra tokens, added to the standard ones. */
  tokens?: TokenConfig[]
  /** Reuse a database file (e.g. to restart a hub); default a fresh temp file. */
  dbPath?: string
  reference?: { referencePath: string; unitsPath: string }
  /** Report this many incidents before returning. */
  seedIncidents?: number
  /** Anything else createHub takes (rateLimit, batchMs, retainTombstones, now, log). */
  hub?: Partial<Omit<HubOptions, 'dbPath' | 'tokens'>>
}

export interface TestHub {
  url: string
  hub: Hub
  dbPath: string
  tokens: TestTokens
  /** Closes the hub; removes the temp directory only when the test did not pass its own dbPath. */
  stop(): Promise<void>
}

export async function startTestHub(opts: StartTestHubOptions = {}): Promise<TestHub> {
  const tempDir = opts.dbPath === undefined ? mkdtempSync(join(tmpdir(), 'gcc-hub-')) : null
  const dbPath = opts.dbPath ?? join(tempDir as string, 'hub.sqlite')
  const hub = await createHub({
    host: '127.0.0.1',
    port: 0,
    dbPath,
    tokens: [...TEST_TOKEN_CONFIGS, ...(opts.tokens ?? [])],
    referencePath: opts.reference?.referencePath ?? FIXTURE_REFERENCE_PATH,
    unitsPath: opts.reference?.unitsPath ?? FIXTURE_UNITS_PATH,
    ...opts.hub
  })
  if (opts.seedIncidents) await reportIncidents(hub, opts.seedIncidents)
  return {
    url: hub.url,
    hub,
    dbPath,
    tokens: TEST_TOKENS,
    async stop() {
      await hub.close()
      if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true })
    }
  }
}

/** The caller the hub sees for a token, for driving its command pipeline without a socket. */
export function callerFor(hub: Hub, token: string, consoleId = 'c-test-direct'): Caller {
  const config = hub.tokens.find((t) => t.token === token)
  if (!config) throw new Error(`no such token in this hub: ${token}`)
  return { consoleId: boundConsoleId(config.user.id, consoleId), sessionId: `s-${consoleId}`, token: config, scope: config.streets === '*' ? '*' : new Set(config.streets) }
}

/**
 * Creates `n` incidents through the hub's own command pipeline as the field (unit role), spread over
 * the reference's grids round-robin, each placed inside its grid. Returns them as stored (status reported).
 */
export async function reportIncidents(
  hub: Hub,
  n: number,
  opts: { token?: string; categoryCode?: string; urgency?: Incident['urgency']; title?: string } = {}
): Promise<Incident[]> {
  const grids = hub.reference.data.grids.features
  const categoryCode = opts.categoryCode ?? hub.reference.data.categories[0]?.code
  if (grids.length === 0 || categoryCode === undefined) throw new Error('the reference has no grids or categories')
  const caller = callerFor(hub, opts.token ?? TEST_TOKENS.unit)
  const out: Incident[] = []
  for (let i = 0; i < n; i++) {
    const grid = grids[i % grids.length]
    if (!grid) continue
    const { answer } = await hub.command(
      {
        commandId: randomUUID(),
        type: 'report',
        payload: {
          draft: {
            categoryCode,
            urgency: opts.urgency ?? 'normal',
            source: 'grid_worker',
            title: opts.title ?? `测试事件 ${i + 1}`,
            description: '自动生成的测试事件',
            address: `测试地址 ${i + 1} 号`,
            location: interiorPoint(grid.geometry),
            gridCode: grid.properties.code
          }
        },
        issuedAt: hub.now().toISOString()
      },
      caller
    )
    if (!answer.ok) throw new Error(`seeding incident ${i + 1} failed: ${answer.error.code} ${answer.error.message}`)
    out.push(answer.entity as Incident)
  }
  return out
}
