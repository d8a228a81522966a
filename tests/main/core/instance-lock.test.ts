// One writer per data folder: a second lock on the folder is refused with the owner named, a lock
// left by a dead process is taken over, release removes only our own; a second demo hub on the
// same database is refused before it starts.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startDemoHub } from '../../../src-main/core/demo-hub'
import { acquireInstanceLock, InstanceLockedError } from '../../../src-main/core/instance-lock'
import { makeTempDir } from './temp-dir'

let temp: { dir: string; remove(): void }
beforeEach(() => (temp = makeTempDir('gcc-lock-')))
afterEach(() => temp.remove())

/** A pid no process has (the kernel's max is far below). */
const DEAD_PID = 2 ** 30

describe('instance lock', () => {
  it('refuses a second owner while the first lives, and names it', async () => {
    const file = path.join(temp.dir, 'console.lock')
    const first = await acquireInstanceLock(file)
    // Another live process: our parent stands in for a second console.
    const second = acquireInstanceLock(file, process.ppid)
    await expect(second).rejects.toBeInstanceOf(InstanceLockedError)
    await expect(acquireInstanceLock(file, process.ppid)).rejects.toThrow(new RegExp(`process ${process.pid}`))
    await first.release()
    expect(existsSync(file)).toBe(false)
    const third = await acquireInstanceLock(file, process.ppid)
    await third.release()
  })

  it('takes over a lock left by a process that is gone', async () => {
    const file = path.join(temp.dir, 'console.lock')
    writeFileSync(file, JSON.stringify({ pid: DEAD_PID, host: '', startedAt: '2026-01-01T00:00:00Z' }))
    const lock = await acquireInstanceLock(file)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid })
    await lock.release()
  })

  it('refuses a second demo hub on the same database before starting it', async () => {
    const held = await acquireInstanceLock(path.join(temp.dir, 'demo-hub.db.lock'), process.ppid)
    await expect(startDemoHub({ dataDir: temp.dir, projectRoot: process.cwd(), script: ['-e', 'setInterval(()=>{},1000)'] })).rejects.toBeInstanceOf(
      InstanceLockedError
    )
    await held.release()
  })
})
