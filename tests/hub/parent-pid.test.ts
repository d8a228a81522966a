// A demo hub started with --parent-pid exits by itself when its console dies, even by SIGKILL.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'gcc-parent-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hub --parent-pid', () => {
  it('exits when the parent process is killed', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' })
    const hub = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-hub/cli.ts', '--port', '0', '--db', path.join(dir, 'h.db'),
        '--parent-pid', String(parent.pid)],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GCC_HUB_TOKEN: 'parent-test-token' } }
    )
    const exited = new Promise<number | null>((resolve) => hub.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('hub did not start')), 30_000)
      hub.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('HUB_URL=')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    parent.kill('SIGKILL')
    const timeout = new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000))
    const outcome = await Promise.race([exited, timeout])
    if (outcome === 'still running') hub.kill('SIGKILL')
    expect(outcome).toBe(0)
  })
})
