// Attacks by a local user of the same PC: reading secrets from `ps` (argv) and reading the data
// folder. The demo hub gets its token over a pipe, the hub CLI refuses a token file others can read,
// the console's data folder is 0700 and its files 0600, and copies of a damaged cache go after 30 days.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openConsole } from '../../src-main/core'
import { startDemoHub, type DemoHub } from '../../src-main/core/demo-hub'
import { pruneCorruptCopies } from '../../src-main/core/data-folder'
import { loadViewerToken } from '../../src-main/web/viewer-token'
import { connectConsole } from '../hub/support/client'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH } from '../helpers/start-hub'

const dirs: string[] = []
let demo: DemoHub | null = null
afterEach(async () => {
  await demo?.stop()
  demo = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'gcc-sec-files-'))
  dirs.push(d)
  return d
}
const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8)

describe('secrets out of argv', () => {
  it("the demo hub's lead token is not on its command line (ps), and works", async () => {
    const dir = tempDir()
    demo = await startDemoHub({ dataDir: dir, projectRoot: process.cwd(), rate: 0 })
    const cmdline = readFileSync(`/proc/${demo.pid}/cmdline`, 'utf8').split('\0').join(' ')
    expect(cmdline).toContain('--token-stdin')
    expect(cmdline).not.toContain(demo.token)
    const ps = spawnSync('ps', ['-ww', '-o', 'args=', '-p', String(demo.pid)], { encoding: 'utf8' })
    if (ps.status === 0) expect(ps.stdout).not.toContain(demo.token)
    const c = await connectConsole(demo.url, demo.token)
    expect(c.welcome.user.role).toBe('lead')
    c.close()
    expect(mode(path.join(dir, 'demo-hub.db'))).toBe('600')
  })

  it('the hub CLI refuses a token file others can read, and takes one of mode 600', () => {
    const dir = tempDir()
    const file = path.join(dir, 'tokens.json')
    writeFileSync(file, JSON.stringify({ token: 'file-lead-token-123' }), { mode: 0o644 })
    const hub = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', '--help', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 })
    const open = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-hub/cli.ts', '--port', 'x', '--token-file', file, '--db', path.join(dir, 'h.db'), '--reference', FIXTURE_REFERENCE_PATH, '--units', FIXTURE_UNITS_PATH],
      { encoding: 'utf8', timeout: 30_000 }
    )
    expect(open.status).toBe(2)
    expect(hub([]).stdout).toContain('GCC_HUB_TOKEN')
    expect(open.stderr).toMatch(/mode 644; make it 600/)
    // At 600 the file is read and the CLI goes on to the next check (the bad port given on purpose).
    chmodSync(file, 0o600)
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', '--port', 'x', '--token-file', file], { encoding: 'utf8', timeout: 30_000 })
    expect(ok.stderr).not.toMatch(/make it 600|not JSON/)
    expect(ok.stderr).toMatch(/--port must be/)
    const noToken = spawnSync(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', '--db', path.join(dir, 'h2.db')], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, GCC_HUB_TOKEN: '' }
    })
    expect(noToken.stderr).toContain('GCC_HUB_TOKEN, --token-file or --token-stdin')
  })
})

describe('data folder and file modes', () => {
  it('creates the data folder 0700 and the cache and viewer token 0600, and narrows an old 0755 folder', async () => {
    const dir = path.join(tempDir(), 'data')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const core = await openConsole({ dataDir: dir, hubUrl: 'http://127.0.0.1:9', token: 't', timing: { reconnectDelayMs: 5000 } })
    await loadViewerToken(dir)
    await core.close()
    expect(mode(dir)).toBe('700')
    for (const f of ['console-cache.sqlite', 'web-viewer-token']) {
      const p = path.join(dir, f)
      if (existsSync(p)) expect(mode(p), f).toBe('600')
    }
  })

  it('prunes copies of a damaged cache after 30 days, keeps newer ones', async () => {
    const dir = tempDir()
    const cache = path.join(dir, 'console-cache.sqlite')
    const now = Date.parse('2026-12-04T12:00:00Z')
    const old = `${cache}.corrupt-2026-10-01T08-00-00-000Z`
    const recent = `${cache}.corrupt-2026-11-20T08-00-00-000Z`
    for (const f of [old, `${old}-wal`, recent]) writeFileSync(f, 'x')
    expect(await pruneCorruptCopies(cache, now)).toEqual([path.basename(old)])
    expect(existsSync(old)).toBe(false)
    expect(existsSync(`${old}-wal`)).toBe(false)
    expect(existsSync(recent)).toBe(true)
  })
})
