// The storage alarm on a real full disk: the console's data folder on a tiny tmpfs (root only;
// skipped where mount is not allowed), filled up by a file beside the cache while the hub keeps
// sending. The alarm says "full", the retries are bounded, and removing the filler recovers.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { openTestConsole, sleep, waitFor } from './support'

const mountPoint = mkdtempSync(join(tmpdir(), 'gcc-tmpfs-'))
function tryMount(): boolean {
  if (process.getuid?.() !== 0) return false
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'ignore', timeout: 10_000 })
    return true
  } catch {
    return false
  }
}
const mounted = tryMount()

/** Writes zeros until the file system refuses (ENOSPC). */
function fillUp(path: string): void {
  const fd = openSync(path, 'w')
  const block = Buffer.alloc(64 * 1024)
  try {
    for (;;) writeSync(fd, block)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
    // The last partial block: fill the remaining bytes too.
    const small = Buffer.alloc(512)
    try {
      for (;;) writeSync(fd, small)
    } catch {
      /* full to the last sector */
    }
  } finally {
    closeSync(fd)
  }
}

let hub: TestHub | null = null
let core: ConsoleCore | null = null

beforeAll(async () => {
  if (mounted) hub = await startTestHub({ seedIncidents: 3 })
})
afterAll(async () => {
  await core?.close()
  await hub?.stop()
  if (mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' })
  rmdirSync(mountPoint)
})

describe.skipIf(!mounted)('a cache on a tiny tmpfs that fills up', () => {
  it('raises a full-disk alarm with bounded retries and recovers when space returns', async () => {
    if (hub === null) throw new Error('no hub')
    const h = hub
    const dataDir = join(mountPoint, 'data')
    mkdirSync(dataDir)
    const started = await openTestConsole(dataDir, h.url, h.tokens.dispatcher, { storageRetryBaseMs: 200, storageRetryMaxMs: 1600 })
    core = started.core
    const c = core
    const synced = (): boolean => c.debug.status().lastSeq === h.hub.store.headSeq()
    await waitFor(synced, 10_000, 'the first sync')
    const filler = join(mountPoint, 'filler.bin')
    fillUp(filler)

    // The WAL reuses its own space at first: keep the hub writing until the cache needs more.
    for (let i = 0; i < 200 && c.debug.status().storage === null; i++) {
      await reportIncidents(h.hub, 10)
      await sleep(50)
    }
    expect(c.debug.status().storage?.kind).toBe('full')

    const retries = (): number => started.logs.filter((l) => l.msg === 'the cache could not be written; retrying later').length
    const before = retries()
    const until = Date.now() + 3000
    while (Date.now() < until) {
      await reportIncidents(h.hub, 2)
      await sleep(100)
    }
    const during = retries() - before
    console.info(`tmpfs: ${during} sync write attempts in 3 s of a full disk`)
    expect(during).toBeLessThanOrEqual(8)

    const refused = await c.api.issueCommand({ type: 'note', incidentId: (await c.api.getSnapshot()).incidents[0]?.id ?? 'x', payload: { text: '满盘' } })
    expect(refused.ok ? null : refused.error.code).toBe('storage')

    rmSync(filler)
    await waitFor(() => c.debug.status().storage === null, 15_000, 'the alarm to clear', () => c.debug.status())
    await waitFor(synced, 15_000, 'sync to catch up from lastSeq', () => c.debug.status())
  }, 90_000)
})
