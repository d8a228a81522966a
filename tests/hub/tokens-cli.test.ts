// Token configuration and CLI arguments: bad files and bad flags stop with a clear message.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadTokensFile, TokenTable } from '../../src-hub/tokens'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-tokens-'))
  dirs.push(dir)
  const path = join(dir, 'tokens.json')
  writeFileSync(path, content)
  return path
}

describe('tokens', () => {
  it('loads a valid file and looks tokens and users up', async () => {
    const path = file(
      JSON.stringify([{ token: 'abcdefgh-1', user: { id: 'u1', name: '甲', role: 'dispatcher' }, streets: ['110101001'] }])
    )
    const table = new TokenTable(await loadTokensFile(path))
    expect(table.lookup('abcdefgh-1')?.user.id).toBe('u1')
    expect(table.lookup('nope')).toBeNull()
    expect(table.user('u1')?.name).toBe('甲')
  })

  it('refuses unreadable, malformed and ill-typed files, and duplicate tokens, with the reason', async () => {
    await expect(loadTokensFile('/nonexistent/tokens.json')).rejects.toThrow(/cannot read/)
    await expect(loadTokensFile(file('{not json'))).rejects.toThrow(/cannot read/)
    await expect(loadTokensFile(file(JSON.stringify([{ token: 'short', user: { id: 'u', name: 'n', role: 'boss' }, streets: '*' }])))).rejects.toThrow(
      /invalid/
    )
    const dup = { token: 'abcdefgh-2', user: { id: 'u', name: 'n', role: 'lead' as const }, streets: '*' as const }
    expect(() => new TokenTable([dup, dup])).toThrow(/twice/)
  })
})

describe('cli', () => {
  const tsx = resolve('node_modules/.bin/tsx')
  it('stops with usage on bad flags or a missing token', () => {
    const noToken = spawnSync(tsx, ['src-hub/cli.ts', '--port', '0'], { encoding: 'utf8', timeout: 30_000 })
    expect(noToken.status).toBe(2)
    expect(noToken.stderr).toMatch(/--token/)
    const env = { ...process.env, GCC_HUB_TOKEN: 'abcdefgh' }
    const badPort = spawnSync(tsx, ['src-hub/cli.ts', '--port', 'abc'], { encoding: 'utf8', timeout: 30_000, env })
    expect(badPort.status).toBe(2)
    expect(badPort.stderr).toMatch(/--port must be/)
    const unknown = spawnSync(tsx, ['src-hub/cli.ts', '--frobnicate'], { encoding: 'utf8', timeout: 30_000, env })
    expect(unknown.status).toBe(2)
    // A secret on the command line is refused (ps shows argv to every local user), and said why.
    for (const flag of ['--token', '--viewer-token']) {
      const inArgv = spawnSync(tsx, ['src-hub/cli.ts', flag, 'abcdefgh'], { encoding: 'utf8', timeout: 30_000, env })
      expect(inArgv.status).toBe(2)
      expect(inArgv.stderr).toMatch(/not accepted: use GCC_HUB_TOKEN/)
    }
  })
})
