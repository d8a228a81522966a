// Attacks on the console's link to its hub: a plain http:// hub off this machine (refused with a
// clear message, nothing opened), a hostile hub's message over 16 MiB (the socket is closed, the
// console keeps going) and changes with seq or version at MAX_SAFE_INTEGER (refused before storing;
// lastSeq and the entity stay as they were).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { hubUrlProblem, isLoopbackHost } from '../../src-main/core/transport-rules'
import { parseWebCliArgs } from '../../src-main/web/cli-args'
import { makeIncident } from '../fixtures/entities'
import { startRogueHub, type RogueHub } from '../helpers/rogue-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { openTestConsole, waitFor } from '../faults/support'

const STREET = '110101006'
let tmp: ReturnType<typeof makeTempDir>
let rogue: RogueHub | null = null
let core: ConsoleCore | null = null

beforeEach(() => {
  tmp = makeTempDir('gcc-sec-link-')
})
afterEach(async () => {
  await core?.close()
  core = null
  await rogue?.close()
  rogue = null
  tmp.remove()
})

function incidentChange(id: string, seq: number, version = 1): Record<string, unknown> {
  return { seq, entity: 'incident', id, version, data: makeIncident({ id, seq, version }) }
}

describe('hub URL transport rule', () => {
  it('refuses plain http:// to another machine, with a clear message, before opening anything', async () => {
    await expect(openConsole({ dataDir: tmp.dir, hubUrl: 'http://10.20.30.40:4000', token: 't' })).rejects.toThrow(
      /10\.20\.30\.40:4000 is not on this machine: use https:\/\//
    )
    const cli = parseWebCliArgs(['--hub', 'http://hub.street.gov.cn'], { GCC_HUB_TOKEN: 'x' }, tmp.dir)
    expect(cli.ok ? '' : cli.message).toMatch(/--hub: .*unencrypted/)
    expect(hubUrlProblem('http://127.evil.example:4000')).toMatch(/not on this machine/)
    expect(hubUrlProblem('https://hub.street.gov.cn')).toBeNull()
    expect(hubUrlProblem('http://127.0.0.1:4000')).toBeNull()
    expect(hubUrlProblem('http://[::1]:4000')).toBeNull()
    expect(hubUrlProblem('ftp://127.0.0.1')).toMatch(/https/)
    expect(isLoopbackHost('127.evil.example')).toBe(false)
    expect(isLoopbackHost('127.0.0.9')).toBe(true)
  })
})

describe('a hostile hub', () => {
  it('closes the socket on a message over 16 MiB and keeps working after', async () => {
    rogue = await startRogueHub({ streets: [STREET], headSeq: 1 })
    rogue.syncChanges = [incidentChange('inc-1', 1)]
    const started = await openTestConsole(tmp.dir, rogue.url, 'any-token')
    core = started.core
    const c = core
    await waitFor(() => c.debug.status().lastSeq === 1, 10_000, 'first sync')
    const before = rogue.connections
    rogue.emitRaw('notice', { id: 'n-big', level: 'info', text: 'x'.repeat(17 * 1024 * 1024), at: new Date().toISOString() })
    // The console's WebSocket refuses the frame (close 1009) and reconnects; nothing was stored of it.
    await waitFor(() => rogue !== null && rogue.connections > before, 10_000, 'reconnect after the oversize message')
    await waitFor(() => c.debug.status().connection === 'online', 10_000, 'online again')
    expect(c.debug.status().lastSeq).toBe(1)
  })

  it('refuses seq and version at MAX_SAFE_INTEGER before storing; lastSeq and the entity are kept', async () => {
    rogue = await startRogueHub({ streets: [STREET], headSeq: 1 })
    rogue.syncChanges = [incidentChange('inc-1', 1)]
    const started = await openTestConsole(tmp.dir, rogue.url, 'any-token')
    core = started.core
    const c = core
    await waitFor(() => c.debug.status().lastSeq === 1, 10_000, 'first sync')
    rogue.emitChanges([incidentChange('inc-1', Number.MAX_SAFE_INTEGER, 2)])
    rogue.emitChanges([incidentChange('inc-1', 2, Number.MAX_SAFE_INTEGER)])
    await waitFor(() => c.debug.status().rejectedChanges === 2, 10_000, 'both refused')
    expect(started.logs.filter((l) => l.msg === 'refused a change from the hub').map((l) => JSON.stringify(l.data))).toEqual([
      expect.stringMatching(/seq 9007199254740991 is beyond the hub's head/),
      expect.stringMatching(/version 9007199254740991 is beyond the hub's head/)
    ])
    // A good change still lands: the entity was not poisoned.
    rogue.emitChanges([incidentChange('inc-1', 3, 2)])
    await waitFor(() => c.debug.status().lastSeq === 3, 10_000, 'good change applied')
  })
})
