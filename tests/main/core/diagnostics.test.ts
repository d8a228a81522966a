// The diagnostics bundle from a running app session: a zip with the logs, versions, the settings
// without the token, the setup and the sync state (outbox by id and state) — and no token anywhere.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppSession } from '../../../src-main/core/app-session'
import { openConsole } from '../../../src-main/core/console-service'
import { openFileLog } from '../../../src-main/core/logging/file-log'
import { startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'
import { makeTempDir } from './temp-dir'

let hub: TestHub
let temp: { dir: string; remove(): void }
beforeAll(async () => {
  hub = await startTestHub()
  temp = makeTempDir('gcc-diag-')
})
afterAll(async () => {
  await hub.stop()
  temp.remove()
})

describe('diagnostics bundle', () => {
  it('zips logs, versions, settings without secrets, setup and sync state, with no token in it', async () => {
    const fileLog = await openFileLog({ dir: path.join(temp.dir, 'logs'), name: 'console' })
    const session = await AppSession.open({
      settingsDir: temp.dir,
      overrides: { hub: null, demo: false, sources: [] },
      startDemo: () => Promise.reject(new Error('no demo here')),
      openCore: (o) => openConsole({ ...o, log: fileLog.log }),
      log: fileLog.log,
      onSecret: (s) => fileLog.addSecret(s),
      versions: { app: '0.1.0' }
    })
    try {
      expect(await session.api.saveSetup({ hub: { kind: 'hub', url: hub.url, token: TEST_TOKENS.dispatcher } })).toMatchObject({ ok: true })
      fileLog.log('info', `a careless line with ${TEST_TOKENS.dispatcher}`)
      const written = await session.api.writeDiagnostics()
      if (!written.ok) throw new Error(written.error.message)
      expect(statSync(written.value.path).mode & 0o777).toBe(0o600)
      const files = unzipSync(new Uint8Array(readFileSync(written.value.path)))
      const names = Object.keys(files)
      expect(names).toEqual(expect.arrayContaining(['versions.json', 'settings.json', 'setup.json', 'sync-state.json']))
      expect(names.some((n) => n.startsWith('logs/console.'))).toBe(true)
      const all = names.map((n) => strFromU8(files[n] as Uint8Array)).join('\n')
      expect(all).not.toContain(TEST_TOKENS.dispatcher)
      expect(JSON.parse(strFromU8(files['versions.json'] as Uint8Array))).toMatchObject({ app: '0.1.0', node: process.versions.node })
      expect(JSON.parse(strFromU8(files['settings.json'] as Uint8Array))).toMatchObject({ hub: { kind: 'hub', url: hub.url, token: '(set)' } })
      expect(JSON.parse(strFromU8(files['sync-state.json'] as Uint8Array))).toMatchObject({ status: { hubUrl: hub.url }, outbox: [] })
    } finally {
      await session.close()
      await fileLog.close()
    }
  })
})
