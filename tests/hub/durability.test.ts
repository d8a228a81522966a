// The record survives: restart on the same file loses nothing and seq continues; WAL is on; a hub
// killed with SIGKILL mid-stream still has every command it acknowledged.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HubStore } from '../../src-hub/store'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH, reportIncidents, startTestHub } from '../helpers/start-hub'
import { connectConsole } from './support/client'
import { run } from './support/drive'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-hub-dur-'))
  dirs.push(dir)
  return join(dir, 'hub.sqlite')
}

describe('durability', () => {
  it('runs SQLite in WAL mode', async () => {
    const t = await startTestHub()
    try {
      expect(await t.hub.store.journalMode()).toBe('wal')
    } finally {
      await t.stop()
    }
  })

  it('restarts on the same file with nothing lost: same hub id, entities, head seq; seq continues', async () => {
    const dbPath = tempDb()
    const first = await startTestHub({ dbPath, seedIncidents: 5 })
    const made = await reportIncidents(first.hub, 2)
    const accepted = await run(first.hub, first.tokens.dispatcher, 'accept', made[0]!)
    const head = first.hub.store.headSeq()
    const hubId = first.hub.store.hubId
    const unitsBefore = await first.hub.store.listUnits()
    await first.stop()

    const second = await startTestHub({ dbPath })
    try {
      expect(second.hub.store.hubId).toBe(hubId)
      expect(second.hub.store.headSeq()).toBe(head)
      expect(await second.hub.store.getIncident(accepted.id)).toEqual(accepted)
      expect(await second.hub.store.listUnits()).toEqual(unitsBefore) // not re-seeded
      const c = await connectConsole(second.url, second.tokens.dispatcher)
      expect(c.welcome.headSeq).toBe(head)
      const next = await c.command('urge', { incidentId: accepted.id }, { note: '重启后' })
      expect(next.ok && next.seq).toBe(head + 1)
      // Codes keep counting across the restart.
      const [later] = await reportIncidents(second.hub, 1)
      expect(Number(later?.code.slice(-4))).toBe(Number(made[1]?.code.slice(-4)) + 1)
      c.close()
    } finally {
      await second.stop()
    }
  })

  it('keeps every acknowledged command when the hub process is SIGKILLed mid-stream', async () => {
    const dbPath = tempDb()
    const token = 'kill-test-lead-token'
    // Node itself with the tsx loader, not the tsx CLI: the CLI runs the hub in a child process of
    // its own, so a SIGKILL would kill only the wrapper and leave the hub running (and writing).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-hub/cli.ts', '--port', '0', '--db', dbPath, '--reference', FIXTURE_REFERENCE_PATH, '--units', FIXTURE_UNITS_PATH],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GCC_HUB_TOKEN: token } }
    )
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = ''
        const timer = setTimeout(() => reject(new Error(`hub did not start: ${out}`)), 30_000)
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /HUB_URL=(\S+)/.exec(out)
          if (m?.[1]) {
            clearTimeout(timer)
            resolveUrl(m[1])
          }
        })
      })
      const c = await connectConsole(url, token)
      const acked = new Map<string, number>()
      let killed = false
      // Keep 8 commands in flight; kill the process once 40 have been acknowledged.
      const sender = async () => {
        while (!killed) {
          const answer = await c
            .command('report', {}, {
              draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: 'kill', description: '', address: '', location: { lng: 116.4025, lat: 39.905 } }
            })
            .catch(() => null)
          if (answer?.ok) acked.set(answer.entity.id, answer.seq)
          if (acked.size >= 40 && !killed) {
            killed = true
            child.kill('SIGKILL')
          }
        }
      }
      await Promise.all(Array.from({ length: 8 }, sender))
      c.close()
      await exited

      const store = await HubStore.open(dbPath)
      try {
        for (const [id, seq] of acked) {
          const incident = await store.getIncident(id)
          expect(incident?.seq, id).toBe(seq)
        }
        expect(store.headSeq()).toBeGreaterThanOrEqual(Math.max(...acked.values()))
      } finally {
        await store.close()
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  it('refuses to open a database from a newer schema rather than guess', async () => {
    const dbPath = tempDb()
    const store = await HubStore.open(dbPath)
    await store.write(async () => undefined)
    await store.close()
    const { SqliteDb } = await import('../../src-sqlite/sqlite-db')
    const db = await SqliteDb.open(dbPath)
    await db.exclusive((c) => c.exec('PRAGMA user_version = 99'))
    await db.close()
    await expect(HubStore.open(dbPath)).rejects.toThrow(/newer/)
  })
})
