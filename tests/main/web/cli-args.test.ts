// Browser-mode flags and env: defaults, precedence, and a clear message for each mistake.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseWebCliArgs } from '../../../src-main/web/cli-args'
import { loadViewerToken, VIEWER_TOKEN_FILE } from '../../../src-main/web/viewer-token'

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseWebCliArgs(argv, env, '/work')

describe('parseWebCliArgs', () => {
  it('defaults to the demo hub on loopback with a random port', () => {
    const r = parse([])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.options).toMatchObject({ hub: null, host: '127.0.0.1', port: 0, rendererDir: '/work/out/renderer', demoRate: 0.5 })
    expect(r.options.operatorToken).toBeNull()
  })

  it('takes flags before env, and both forms of a flag', () => {
    const r = parse(['--hub=https://10.0.0.2:4000', '--port', '8080', '--data', 'd'], {
      GCC_HUB_URL: 'http://ignored',
      GCC_HUB_TOKEN: 'tok',
      GCC_PORT: '9'
    })
    expect(r.ok && r.options).toMatchObject({ hub: { url: 'https://10.0.0.2:4000', token: 'tok' }, port: 8080, dataDir: '/work/d' })
    const e = parse([], { GCC_HUB_URL: 'https://hub.example', GCC_HUB_TOKEN: 't2', GCC_PORT: '5050', GCC_DATA_DIR: '/tmp/x' })
    expect(e.ok && e.options).toMatchObject({ hub: { url: 'https://hub.example', token: 't2' }, port: 5050, dataDir: '/tmp/x' })
  })

  it('explains each mistake', () => {
    const msg = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = parse(argv, env)
      return r.ok ? '' : r.message
    }
    expect(msg(['--hub', 'https://h:1'])).toContain('--hub needs a token')
    expect(msg(['--hub', 'http://h:1'], { GCC_HUB_TOKEN: 't' })).toContain('use https://')
    expect(msg(['--hub', 'ftp://h'], { GCC_HUB_TOKEN: 't' })).toContain('http(s) URL')
    expect(msg(['--token-file', 'a', '--token-stdin'])).toContain('exclude each other')
    expect(msg(['--port', '70000'])).toContain('--port must be')
    expect(msg(['--port', '-1'])).toContain('--port must be')
    expect(msg(['--port'])).toContain('--port needs a value')
    expect(msg(['--bogus', '1'])).toContain("unknown argument '--bogus'")
    expect(msg(['--demo-rate', 'fast'])).toContain('--demo-rate')
    expect(msg(['--help'])).toContain('Usage:')
  })
})

describe('loadViewerToken', () => {
  it('creates a private token once and keeps it; replaces an unusable one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gcc-vt-'))
    try {
      const first = await loadViewerToken(path.join(dir, 'nested'))
      expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(await loadViewerToken(path.join(dir, 'nested'))).toBe(first)
      expect((await stat(path.join(dir, 'nested', VIEWER_TOKEN_FILE))).mode & 0o077).toBe(0)
      await writeFile(path.join(dir, 'nested', VIEWER_TOKEN_FILE), 'short')
      const replaced = await loadViewerToken(path.join(dir, 'nested'))
      expect(replaced).not.toBe(first)
      expect((await readFile(path.join(dir, 'nested', VIEWER_TOKEN_FILE), 'utf8')).trim()).toBe(replaced)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
