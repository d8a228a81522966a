// The packaged layout (issue 12), proved without Electron: the app's built output (out/), the demo
// reference data, package.json and the production dependencies only (the npm tree without dev
// packages — no tsx, no TypeScript, no src-hub) copied into a temp folder; browser mode and the
// compiled demo hub started from it with plain node; a demo report reaches the console's API.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

const root = path.resolve('.')
let app = ''
let temp = ''
let child: ChildProcess | null = null

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: root, stdio: 'pipe' })
  if (!existsSync(path.join(root, 'out/renderer/index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe' })
  temp = mkdtempSync(path.join(tmpdir(), 'gcc-packaged-'))
  app = path.join(temp, 'app')
  for (const part of ['out', 'resources/reference', 'package.json']) {
    cpSync(path.join(root, part), path.join(app, part), { recursive: true, filter: (src) => !src.endsWith('.map') })
  }
  // The production tree as npm resolves it: each top-level package with what it nests.
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const nm = path.join(root, 'node_modules') + path.sep
  for (const dir of listed.split('\n').filter((p) => p.startsWith(nm))) {
    const rel = dir.slice(nm.length)
    if (rel.includes(`${path.sep}node_modules${path.sep}`)) continue
    cpSync(dir, path.join(app, 'node_modules', rel), { recursive: true })
  }
}, 300_000)

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  rmSync(temp, { recursive: true, force: true })
})

function call(url: string, method: string): Promise<{ ok: boolean; value?: { incidents: unknown[]; status: { demo: boolean; connection: string } } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: new URL(url).origin.replace(/^ws/, 'http') } })
    ws.on('open', () => ws.send(JSON.stringify({ kind: 'call', id: 1, method, params: [] })))
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { kind: string }
      if (f.kind === 'reply') {
        ws.close()
        resolve(f as never)
      }
    })
    ws.on('error', reject)
  })
}

describe('packaged layout', () => {
  it('holds no dev tooling, and runs browser mode and the compiled demo hub with plain node until a report arrives', async () => {
    expect(existsSync(path.join(app, 'node_modules/tsx'))).toBe(false)
    expect(existsSync(path.join(app, 'node_modules/typescript'))).toBe(false)
    expect(existsSync(path.join(app, 'src-hub'))).toBe(false)
    expect(existsSync(path.join(app, 'node_modules/sqlite3'))).toBe(true)

    child = spawn(process.execPath, ['out/web/cli.mjs', '--demo', '--demo-rate', '5', '--data', path.join(temp, 'data')], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: temp },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    const deadline = Date.now() + 60_000
    while (!/Console:\s+(\S+)/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no console URL\n${out}\n${err}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const operatorUrl = /Console:\s+(\S+)/.exec(out)?.[1] ?? ''
    const api = operatorUrl.replace(/^http/, 'ws').replace(/\/\?token=/, '/api?token=')
    let incidents = 0
    while (incidents === 0) {
      if (Date.now() > deadline) throw new Error(`no report reached the console\n${err.slice(-3000)}`)
      const reply = await call(api, 'getSnapshot')
      expect(reply.value?.status.demo).toBe(true)
      incidents = reply.value?.incidents.length ?? 0
      if (incidents === 0) await new Promise((r) => setTimeout(r, 250))
    }
    expect(incidents).toBeGreaterThan(0)
    // The demo hub ran from the bundle: its path is in the log lines the console forwards.
    expect(err).not.toMatch(/tsx/)
    child.kill('SIGTERM')
    await new Promise((r) => child?.once('exit', r))
  }, 180_000)
})
