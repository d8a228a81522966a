// `sync` over a real socket: compacted, paged, reset after purged tombstones, filtered by street scope;
// `reference` answers; live `changes` batched in seq order with out-of-scope changes as null stubs.
import { afterEach, describe, expect, it } from 'vitest'
import { parseChange, ReferenceData, type Change } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'
import { run } from './support/drive'

let t: TestHub | null = null
const open: TestConsole[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

type SyncOk = { ok: true; changes: Change[]; headSeq: number; more: boolean; reset?: boolean }

async function syncAll(c: TestConsole, sinceSeq: number, limit: number): Promise<{ pages: SyncOk[]; changes: Change[] }> {
  const pages: SyncOk[] = []
  let since = sinceSeq
  for (;;) {
    const page = await c.request<SyncOk>('sync', { sinceSeq: since, limit })
    expect(page.ok).toBe(true)
    pages.push(page)
    if (!page.more) break
    since = page.changes.at(-1)?.seq ?? since
  }
  return { pages, changes: pages.flatMap((p) => p.changes) }
}

const SCOPED_TOKEN = 'test-scoped-dispatcher'
const scopedTokens = [{ token: SCOPED_TOKEN, user: { id: 'user-jingshan', name: '景山调度', role: 'dispatcher' as const }, streets: ['110101002'] }]

describe('sync', () => {
  it('pages a full snapshot in seq order, each change valid, until more is false', async () => {
    t = await startTestHub({ seedIncidents: 25 })
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const { pages, changes } = await syncAll(c, 0, 7)
    expect(pages.length).toBeGreaterThan(4)
    expect(pages.slice(0, -1).every((p) => p.more && p.changes.length === 7)).toBe(true)
    const seqs = changes.map((x) => x.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    for (const raw of changes) expect(parseChange(raw).ok).toBe(true)
    expect(changes.filter((x) => x.entity === 'incident')).toHaveLength(25)
    expect(changes.filter((x) => x.entity === 'unit')).toHaveLength(t.hub.reference.units.length)
    expect(pages.at(-1)?.headSeq).toBe(t.hub.store.headSeq())
    expect(await c.request<SyncOk>('sync', { sinceSeq: t.hub.store.headSeq(), limit: 10 })).toMatchObject({ changes: [], more: false })
  })

  it('is compacted: an entity changed many times after sinceSeq comes once, at its latest version', async () => {
    t = await startTestHub({ seedIncidents: 3 })
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const since = t.hub.store.headSeq()
    const [inc] = await reportIncidents(t.hub, 1)
    if (!inc) throw new Error('no case')
    let cur = await run(t.hub, t.tokens.dispatcher, 'accept', inc)
    cur = await run(t.hub, t.tokens.dispatcher, 'urge', cur, { note: '一' })
    cur = await run(t.hub, t.tokens.dispatcher, 'urge', cur, { note: '二' })
    const { changes } = await syncAll(c, since, 100)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ id: inc.id, version: 4, seq: cur.seq, data: { counters: { urges: 2 } } })
  })

  it('sends tombstones as data null, then after they are purged answers reset to a console behind minSeq', async () => {
    t = await startTestHub({ seedIncidents: 2, hub: { retainTombstones: 0 } })
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const [gone] = await reportIncidents(t.hub, 1)
    if (!gone) throw new Error('no case')
    const before = t.hub.store.headSeq()
    await t.hub.store.write((tx) => tx.remove('incident', gone.id, Date.now()))
    const tomb = await c.request<SyncOk>('sync', { sinceSeq: before, limit: 10 })
    expect(tomb.changes).toEqual([{ seq: before + 1, entity: 'incident', id: gone.id, version: 2, data: null }])

    await new Promise((r) => setTimeout(r, 5))
    const purged = await t.hub.purge()
    expect(purged).toEqual({ tombstones: 1, minSeq: before + 2 })
    expect(t.hub.store.minSeq()).toBe(before + 2)
    const behind = await c.request<SyncOk>('sync', { sinceSeq: before, limit: 10 })
    expect(behind).toMatchObject({ ok: true, reset: true, changes: [], more: false })
    // A console that saw the deletion (lastSeq = minSeq - 1) carries on without reset.
    const upToDate = await c.request<SyncOk>('sync', { sinceSeq: before + 1, limit: 10 })
    expect(upToDate.reset).toBeUndefined()
    // A fresh console (sinceSeq 0) gets the full snapshot, never a reset: otherwise "sync from 0" would loop.
    const fresh = await connectConsole(t.url, t.tokens.viewer)
    open.push(fresh)
    expect(fresh.welcome.minSeq).toBe(before + 2)
    const snapshot = await syncAll(fresh, 0, 1000)
    expect(snapshot.pages.every((p) => p.reset === undefined)).toBe(true)
    expect(snapshot.changes.filter((x) => x.entity === 'incident').map((x) => x.id)).not.toContain(gone.id)
    expect(snapshot.changes.filter((x) => x.entity === 'incident')).toHaveLength(2)
  })

  it('filters by street scope: other streets’ cases are neither synced nor commandable', async () => {
    t = await startTestHub({ tokens: scopedTokens, seedIncidents: 8 })
    const scoped = await connectConsole(t.url, SCOPED_TOKEN)
    open.push(scoped)
    expect(scoped.welcome.scope.streets).toEqual(['110101002'])
    const { changes } = await syncAll(scoped, 0, 5)
    const incidents = changes.filter((x) => x.entity === 'incident')
    expect(incidents).toHaveLength(4)
    for (const x of incidents) expect(x.data && 'gridCode' in x.data && x.data.gridCode.startsWith('110101002')).toBe(true)
    const units = changes.filter((x) => x.entity === 'unit').map((x) => x.id)
    expect(units).toContain('u-gas') // streetCode null: everyone sees it
    expect(units).toContain('u-san-110101002')
    expect(units).not.toContain('u-san-110101001')

    const other = (await t.hub.store.changesSince(0, 1000, '*')).changes.find(
      (x) => x.entity === 'incident' && x.data !== null && 'gridCode' in x.data && x.data.gridCode.startsWith('110101001')
    )
    if (!other) throw new Error('fixture should have a case in 110101001')
    const refused = await scoped.command('accept', { incidentId: other.id })
    expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden')
    const report = await scoped.command('report', {}, {
      draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: 't', description: '', address: '', location: { lng: 116.4025, lat: 39.905 } }
    })
    expect(report.ok ? 'ok' : report.error.code).toBe('forbidden')
  })
})

describe('reference', () => {
  it('sends the data when the console has another version, unchanged when it has this one', async () => {
    t = await startTestHub()
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const full = await c.request<Record<string, unknown>>('reference', { have: null })
    const { ok: _ok, ...data } = full
    expect(ReferenceData.parse(data).version).toBe('fixture-1')
    expect(await c.request('reference', { have: 'fixture-0' })).toMatchObject({ ok: true, version: 'fixture-1' })
    expect(await c.request('reference', { have: 'fixture-1' })).toEqual({ ok: true, unchanged: true })
  })
})

describe('live changes', () => {
  it('arrive batched, in seq order, with no gaps, for a burst of writes', async () => {
    t = await startTestHub()
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const start = t.hub.store.headSeq()
    await Promise.all(Array.from({ length: 6 }, () => reportIncidents(t!.hub, 10)))
    const end = t.hub.store.headSeq()
    expect(end - start).toBe(60)
    await c.waitForSeq(end)
    const seqs = c.batches.flat().map((x) => x.seq)
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => start + 1 + i))
    expect(c.batches.length).toBeLessThan(60)
    for (const b of c.batches) expect(b.length).toBeLessThanOrEqual(5000)
  })

  it('give a scoped console its own street in full and others as null stubs, keeping the seq run whole', async () => {
    t = await startTestHub({ tokens: scopedTokens })
    const scoped = await connectConsole(t.url, SCOPED_TOKEN)
    open.push(scoped)
    const start = t.hub.store.headSeq()
    const made = await reportIncidents(t.hub, 4)
    await scoped.waitForSeq(start + 4)
    const got = scoped.batches.flat()
    expect(got.map((x) => x.seq)).toEqual([start + 1, start + 2, start + 3, start + 4])
    for (const [i, x] of got.entries()) {
      const inc = made[i]
      if (!inc) throw new Error('missing')
      expect(x.id).toBe(inc.id)
      if (inc.gridCode.startsWith('110101002')) expect(x.data).toEqual(inc)
      else expect(x.data).toBeNull()
    }
  })

  it('split a commit larger than 5000 changes into messages of at most 5000, still in seq order', async () => {
    t = await startTestHub()
    const c = await connectConsole(t.url, t.tokens.viewer)
    open.push(c)
    const start = t.hub.store.headSeq()
    const seed = await t.hub.store.getUnit('u-gas')
    if (!seed) throw new Error('fixture unit missing')
    await t.hub.store.write(async (tx) => {
      for (let i = 0; i < 5003; i++) await tx.put('unit', { ...seed, id: `u-bulk-${i}`, name: `批量 ${i}` })
    })
    await c.waitForSeq(start + 5003, 20_000)
    expect(c.batches.map((b) => b.length)).toEqual([5000, 3])
    expect(c.batches.flat().map((x) => x.seq)).toEqual(Array.from({ length: 5003 }, (_, i) => start + 1 + i))
  })

  it('relays a notice to every console', async () => {
    t = await startTestHub()
    const a = await connectConsole(t.url, t.tokens.viewer)
    const b = await connectConsole(t.url, t.tokens.unit)
    open.push(a, b)
    const sent = t.hub.notice('alert', '暴雨红色预警')
    await expect.poll(() => a.notices.length + b.notices.length).toBe(2)
    expect(a.notices[0]).toEqual(sent)
  })
})
