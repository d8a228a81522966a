// The stack most browser tests stand on: a test hub, a console core on a fresh data folder with the
// dispatcher's token, and the web host serving the built renderer. One place, so each spec says only
// what it adds (cases, a viewport) and closes it all with one call.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { startTestHub, TEST_TOKENS, type StartTestHubOptions, type TestHub } from './start-hub'

export type E2eStack = { hub: TestHub; core: ConsoleCore; web: WebHost; dataDir: string; close(): Promise<void> }

const token = (): string => randomBytes(24).toString('base64url')

/**
 * `name` labels the temp data folder; `viewerToken` when the spec opens the wall with a known one;
 * `hub`: createHub options (a shifted clock); `seed`: history made before the console connects;
 * `reference` for a spec that needs other reference files than the small fixture (e.g. the district's).
 */
export async function startE2eStack(
  name: string,
  opts: {
    viewerToken?: string
    hub?: StartTestHubOptions['hub']
    seed?: (hub: TestHub) => Promise<void>
    reference?: { referencePath: string; unitsPath: string }
  } = {}
): Promise<E2eStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `gcc-e2e-${name}-`))
  const hub = await startTestHub({ hub: opts.hub, ...(opts.reference ? { reference: opts.reference } : {}) })
  // Before the console connects: it measures the hub's clock once, when welcomed.
  await opts.seed?.(hub)
  const core = await openConsole({ dataDir, hubUrl: hub.url, token: TEST_TOKENS.dispatcher })
  const web = await startWebHost({
    api: core.api,
    rendererDir: path.resolve('out/renderer'),
    operatorToken: token(),
    viewerToken: opts.viewerToken ?? token()
  })
  return {
    hub,
    core,
    web,
    dataDir,
    async close() {
      await web.close()
      await core.close()
      await hub.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
