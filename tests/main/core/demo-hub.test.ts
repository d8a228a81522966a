// startDemoHub with stand-in hub scripts: reads the printed URL, passes the flags, stops the
// process, and fails clearly when the hub dies or prints nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findUrl, startDemoHub } from '../../../src-main/core/demo-hub'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-demohub-'))
  // Writes its argv to a file, prints a URL, then idles until killed.
  await writeFile(
    path.join(dir, 'ok-hub.mjs'),
    `import { writeFileSync } from 'node:fs'
writeFileSync(process.argv[2], JSON.stringify(process.argv.slice(3)))
console.log('loading…')
console.log('hub listening on http://127.0.0.1:43210 (token set)')
setInterval(() => {}, 1000)
`
  )
  await writeFile(path.join(dir, 'dying-hub.mjs'), `console.error('port in use'); process.exit(3)\n`)
  await writeFile(path.join(dir, 'silent-hub.mjs'), `setInterval(() => {}, 1000)\n`)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('startDemoHub', () => {
  it('reads the URL, passes port 0, token, rate and db, and stops the hub', async () => {
    const argsFile = path.join(dir, 'args.json')
    const hub = await startDemoHub({
      dataDir: dir,
      projectRoot: dir,
      rate: 2,
      script: [path.join(dir, 'ok-hub.mjs'), argsFile]
    })
    expect(hub.url).toBe('http://127.0.0.1:43210')
    expect(hub.token.length).toBeGreaterThanOrEqual(32)
    const args = JSON.parse(await readFile(argsFile, 'utf8')) as string[]
    // The simulated hall is on by default in demo mode.
    expect(args).toEqual([
      // The token goes over stdin (issue 15: no secrets in argv).
      '--port', '0', '--token-stdin', '--rate', '2', '--hall', 'on', '--db', path.join(dir, 'demo-hub.db'),
      '--parent-pid', String(process.pid)
    ])
    // Hex: a token starting with '-' would be taken for a flag by the hub's parser.
    expect(hub.token).toMatch(/^[0-9a-f]{48}$/)
    expect(() => process.kill(hub.pid, 0)).not.toThrow()
    await hub.stop()
    expect(() => process.kill(hub.pid, 0)).toThrow()
  })

  it('passes the hall switch and delay scale, and keeps the hall off when there is no simulator', async () => {
    const argsOf = async (opts: { rate?: number; hall?: boolean; hallDelayScale?: number }): Promise<string[]> => {
      const argsFile = path.join(dir, `args-${Math.random().toString(36).slice(2)}.json`)
      const hub = await startDemoHub({ dataDir: dir, projectRoot: dir, ...opts, script: [path.join(dir, 'ok-hub.mjs'), argsFile] })
      await hub.stop()
      return JSON.parse(await readFile(argsFile, 'utf8')) as string[]
    }
    const scaled = await argsOf({ hallDelayScale: 0.2 })
    expect(scaled.slice(3, 9)).toEqual(['--rate', '0.5', '--hall', 'on', '--hall-delay-scale', '0.2'])
    const off = await argsOf({ hall: false, hallDelayScale: 0.2 })
    expect(off.slice(3, 7)).toEqual(['--rate', '0.5', '--hall', 'off'])
    expect(off).not.toContain('--hall-delay-scale')
    const noSim = await argsOf({ rate: 0 })
    expect(noSim.slice(3, 7)).toEqual(['--rate', '0', '--hall', 'off'])
  })

  it('refuses a delay scale that is not a positive number, before starting anything', async () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(
        startDemoHub({ dataDir: dir, projectRoot: dir, hallDelayScale: bad, script: [path.join(dir, 'dying-hub.mjs')] })
      ).rejects.toThrow(/hallDelayScale must be a positive number/)
    }
  })

  it('fails with the hub error output when it exits before printing a URL', async () => {
    await expect(
      startDemoHub({ dataDir: dir, projectRoot: dir, script: [path.join(dir, 'dying-hub.mjs')] })
    ).rejects.toThrow(/exited before it was ready \(code 3[\s\S]*port in use/)
  })

  it('fails and kills the hub when no URL appears in time', async () => {
    await expect(
      startDemoHub({ dataDir: dir, projectRoot: dir, script: [path.join(dir, 'silent-hub.mjs')], startTimeoutMs: 300 })
    ).rejects.toThrow(/printed no URL within 0.3 s/)
  })

  it('finds URLs in printed lines', () => {
    expect(findUrl('Hub ready: http://127.0.0.1:5000.')).toBe('http://127.0.0.1:5000')
    expect(findUrl('url=http://localhost:1/ ok')).toBe('http://localhost:1/')
    expect(findUrl('no url here')).toBeNull()
  })
})
