// Log files: JSON lines into the folder, rolled (by time here, daily in the app) and at the size
// cap, old files swept after 14 days and beyond the total cap, and no token or case text ever
// written — not as a field, not inside a message, not in a URL.
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileLog } from '../../../../src-main/core/logging/file-log'
import { makeTempDir } from '../temp-dir'

let temp: { dir: string; remove(): void }
beforeEach(() => (temp = makeTempDir('gcc-logs-')))
afterEach(() => temp.remove())

const read = (dir: string): string =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('')

describe('file log', () => {
  it('writes JSON lines with level, time and process, and never a token or a case text', async () => {
    const TOKEN = 'hub-secret-token-7f3a9c'
    const log = await openFileLog({ dir: temp.dir, name: 'console' })
    log.addSecret(TOKEN)
    log.log('info', 'connected', { hubUrl: 'http://10.0.0.5:4000', token: TOKEN })
    log.log('warn', `operator page http://127.0.0.1:5000/?token=${TOKEN}`)
    log.log('error', `handshake failed for ${TOKEN}`, { auth: { token: TOKEN } })
    log.log('info', 'command answered', { commandId: 'c-1', incidentId: 'i-1', payload: { text: '井盖丢失，东四北大街' }, title: '井盖丢失' })
    log.log('info', 'nested', { command: { token: TOKEN, address: '东四北大街12号' } })
    await log.close()
    const text = read(temp.dir)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('井盖')
    expect(text).not.toContain('东四北大街')
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'connected', hubUrl: 'http://10.0.0.5:4000', token: '[redacted]', proc: 'console' })
    expect(lines[1]?.msg).toBe('operator page http://127.0.0.1:5000/?token=[redacted]')
    expect(lines[3]).toMatchObject({ commandId: 'c-1', incidentId: 'i-1', payload: '[redacted]' })
    expect(typeof lines[0]?.time).toBe('string')
  })

  it('rolls to a new file when the period ends and at the size cap', async () => {
    const log = await openFileLog({ dir: temp.dir, name: 'console', frequency: 300, size: '1k' })
    for (let i = 0; i < 40; i++) log.log('info', `line ${i} ${'x'.repeat(60)}`)
    await new Promise((r) => setTimeout(r, 450))
    log.log('info', 'after the period')
    await new Promise((r) => setTimeout(r, 50))
    await log.close()
    const files = readdirSync(temp.dir).filter((f) => f.startsWith('console.'))
    expect(files.length).toBeGreaterThanOrEqual(3)
    expect(read(temp.dir)).toContain('after the period')
  })

  it('sweeps files older than 14 days and the oldest beyond the total cap, never the one in use', async () => {
    const day = 24 * 60 * 60 * 1000
    const old = path.join(temp.dir, 'console.2026-11-01.1.log')
    const recent = path.join(temp.dir, 'console.2026-12-01.1.log')
    const other = path.join(temp.dir, 'hub.2026-11-01.1.log')
    for (const f of [old, recent, other]) writeFileSync(f, 'y'.repeat(1000))
    utimesSync(old, new Date(Date.now() - 20 * day), new Date(Date.now() - 20 * day))
    utimesSync(recent, new Date(Date.now() - 3 * day), new Date(Date.now() - 3 * day))
    utimesSync(other, new Date(Date.now() - 20 * day), new Date(Date.now() - 20 * day))
    const log = await openFileLog({ dir: temp.dir, name: 'console' })
    log.log('info', 'now')
    const names = readdirSync(temp.dir)
    expect(names).not.toContain(path.basename(old))
    expect(names).toContain(path.basename(recent))
    // Another family (the hub's) is its own process's business.
    expect(names).toContain(path.basename(other))
    await log.close()

    const capped = await openFileLog({ dir: temp.dir, name: 'console', maxTotalBytes: 500 })
    capped.log('info', 'capped')
    await capped.sweep()
    expect(readdirSync(temp.dir)).not.toContain(path.basename(recent))
    await capped.close()
    expect(read(temp.dir)).toContain('capped')
  })
})
