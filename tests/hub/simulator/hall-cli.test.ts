// The hub CLI's hall flags: bad values stop with a clear message; --hall on starts the hall with
// the simulator (seats sized from the rate) and the hub still stops cleanly.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH } from '../../helpers/start-hub'

const tsx = resolve('node_modules/.bin/tsx')
// The token by environment: the CLI refuses secrets in argv.
const env = { ...process.env, GCC_HUB_TOKEN: 'abcdefgh' }
const run = (args: string[]) => spawnSync(tsx, ['src-hub/cli.ts', ...args], { encoding: 'utf8', timeout: 30_000, env })

describe('hub CLI hall flags', () => {
  it('refuses bad hall values, and the hall without a simulator', { timeout: 60_000 }, () => {
    const bad = run(['--rate', '1', '--hall', 'maybe'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--hall must be on or off/)
    const noSim = run(['--hall', 'on'])
    expect(noSim.status).toBe(2)
    expect(noSim.stderr).toMatch(/--hall on needs --rate > 0/)
    const scale = run(['--rate', '1', '--hall', 'on', '--hall-delay-scale', '0'])
    expect(scale.status).toBe(2)
    expect(scale.stderr).toMatch(/--hall-delay-scale must be > 0/)
    const deadlines = run(['--rate', '1', '--hall', 'on', '--hall-deadlines', 'soon'])
    expect(deadlines.status).toBe(2)
    expect(deadlines.stderr).toMatch(/--hall-deadlines must be field or calendar/)
  })

  it('starts the hall with --hall on and stops cleanly on SIGTERM', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcc-hall-cli-'))
    try {
      // Node itself runs the CLI (not the tsx wrapper), so the signal reaches the hub.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src-hub/cli.ts', '--rate', '0.5', '--hall', 'on', '--hall-delay-scale', '0.1',
          '--db', join(dir, 'hub.sqlite'), '--reference', FIXTURE_REFERENCE_PATH, '--units', FIXTURE_UNITS_PATH],
        { stdio: ['ignore', 'pipe', 'pipe'], env }
      )
      let stderr = ''
      child.stderr.setEncoding('utf8')
      child.stderr.on('data', (d: string) => (stderr += d))
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      const until = Date.now() + 20_000
      while (!/simulator running .*hall on/.test(stderr) && Date.now() < until && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100))
      }
      expect(stderr).toMatch(/hall: \d+ seats on 1 connection\(s\), delays ×0\.1, deadlines on the field clock/)
      expect(stderr).toMatch(/simulator running at 0\.5 reports\/s .*hall on/)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
