import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import type { Notice } from '../../src-shared/protocol'
import { startRogueHub, type RogueHub } from '../helpers/rogue-hub'
import { incidentChange, unitChange } from '../main/core/changes'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor, type LogLine } from './console-harness'

let tmp: ReturnType<typeof makeTempDir>
let rogue: RogueHub
let core: ConsoleCore | null = null
let logs: LogLine[] = []

beforeEach(async () => {
  tmp = makeTempDir('gcc-int-')
  rogue = await startRogueHub({ streets: ['110101006'], headSeq: 3 })
  rogue.syncChanges = [incidentChange('i1', 3, 1), { ...incidentChange('bad', 1, 2), data: { status: 'lost' } }, unitChange('u1', 1, 3)]
})
afterEach(async () => {
  await core?.close()
  core = null
  await rogue.close()
  tmp.remove()
})

async function ids(c: ConsoleCore): Promise<string[]> {
  return (await c.api.getSnapshot()).incidents.map((i) => i.id).sort()
}

describe('console refuses bad hub data and keeps going', () => {
  it('refuses and counts each bad change, applies the good ones, and syncs over a gap', async () => {
    const started = await startConsole(tmp.dir, rogue.url, 'any-token')
    core = started.core
    logs = started.logs
    const c = started.core
    await waitFor(() => c.debug.status().lastSeq === 3, 10_000, 'initial sync')
    expect(await ids(c)).toEqual(['i1'])
    expect((await c.api.getSnapshot()).units.map((u) => u.id)).toEqual(['u1'])
    expect(c.debug.status().rejectedChanges).toBe(1)

    rogue.emitChanges([
      incidentChange('i2', 1, 4),
      incidentChange('i1', 2, 5), // version going back (cached 3)
      incidentChange('i3', 1, 6, { gridCode: '110101007001001' }), // another street
      incidentChange('i4', 1, 6), // duplicate seq
      incidentChange('i5', 1, 7, { title: '长'.repeat(500) }), // huge string
      incidentChange('i6', 1, 8)
    ])
    await waitFor(() => c.debug.status().lastSeq === 8, 10_000, 'live batch')
    expect(await ids(c)).toEqual(['i1', 'i2', 'i6'])
    expect((await c.api.getIncident('i1'))?.version).toBe(3)
    await waitFor(() => c.debug.status().rejectedChanges === 5, 5000, 'rejected count')

    rogue.emitRaw('changes', { changes: 'not a list' })
    rogue.emitRaw('presence', { consoles: 'nobody' })
    rogue.emitRaw('notice', { id: 'n1', level: 'panic', text: '', at: 'yesterday' })
    await waitFor(() => c.debug.status().rejectedChanges === 6, 5000, 'bad message counted')

    const notices: Notice[] = []
    c.api.on('notice', (n) => notices.push(n))
    rogue.emitRaw('notice', { id: 'n2', level: 'alert', text: '暴雨橙色预警', at: '2026-11-22T02:00:00.000Z' })
    await waitFor(() => notices.length === 1, 5000, 'notice')
    expect((await c.api.getSnapshot()).notices.map((n) => n.id)).toEqual(['n2'])

    // A gap: live changes jump from 8 to 11; the console syncs the missing ones.
    rogue.syncChanges = [incidentChange('i7', 1, 9), incidentChange('i8', 1, 10)]
    rogue.headSeq = 11
    rogue.emitChanges([incidentChange('i9', 1, 11)])
    await waitFor(() => c.debug.status().lastSeq === 11, 10_000, 'gap sync')
    expect(await ids(c)).toEqual(['i1', 'i2', 'i6', 'i7', 'i8', 'i9'])
    expect(logs.some((l) => l.msg === 'gap in live changes, syncing')).toBe(true)

    const stored = await c.store.listRejected()
    expect(stored).toHaveLength(6)
    expect(stored.map((r) => r.reason).join('\n')).toMatch(/version went back from 3 to 2/)
    expect(stored.map((r) => r.reason).join('\n')).toMatch(/outside this console's scope/)
    expect(stored.map((r) => r.reason).join('\n')).toMatch(/duplicate seq 6/)
    expect(logs.filter((l) => l.level === 'warn' && l.msg === 'refused a change from the hub').length).toBeGreaterThanOrEqual(5)
    expect(c.debug.status().connection).toBe('online')
  })
})
