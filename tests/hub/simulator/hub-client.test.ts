// The simulator's protocol client against a scripted hub: bad changes skipped, gaps synced,
// busy answers retried a bounded number of times with the same commandId.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Change } from '../../../src-shared/protocol'
import { HubClient } from '../../../src-hub/simulator/hub-client'
import { makeIncident } from '../../fixtures/entities'
import { startRogueHub, type RogueHub } from '../../helpers/rogue-hub'

let rogue: RogueHub
let client: HubClient | null = null
beforeEach(async () => {
  rogue = await startRogueHub()
})
afterEach(async () => {
  client?.close()
  client = null
  await rogue.close()
})

function change(seq: number, id = `inc-${seq}`): unknown {
  const data = makeIncident({ id, seq, version: 1 })
  return { seq, entity: 'incident', id, version: 1, data }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

function connect(logs: string[] = []): HubClient {
  client = new HubClient({
    hubUrl: rogue.url,
    token: 't',
    consoleId: 'c-sim-test',
    name: 'test',
    follow: true,
    retryBaseMs: 5,
    log: (m) => logs.push(m)
  })
  return client
}

describe('HubClient', () => {
  it('syncs on welcome, skips bad changes, and syncs again on a gap', async () => {
    rogue.syncChanges = [change(1), { seq: 2, entity: 'incident', id: 'x', version: 1, data: { broken: true } }, change(3)]
    rogue.headSeq = 3
    const seen: Change[] = []
    const c = connect()
    c.onChange((ch) => seen.push(ch))
    await c.connect()
    await until(() => seen.length === 2, 'initial sync')
    expect(seen.map((s) => s.seq)).toEqual([1, 3])
    expect(c.counters.badChanges).toBe(1)

    rogue.emitChanges([change(4)])
    await until(() => seen.length === 3, 'live change 4')
    // Already seen: ignored.
    rogue.emitChanges([change(3)])
    // A gap (6 after 4): the client asks for a sync, which brings 5 and 6.
    rogue.syncChanges = [change(5), change(6)]
    rogue.headSeq = 6
    rogue.emitChanges([change(6)])
    await until(() => seen.length === 5, 'gap sync')
    expect(seen.map((s) => s.seq)).toEqual([1, 3, 4, 5, 6])
    expect(c.counters.syncs).toBe(2)

    rogue.emitRaw('changes', 'not an object')
    rogue.emitRaw('changes', { changes: [null, change(7)] })
    await until(() => seen.length === 6, 'change 7 beside a bad one')
    expect(c.counters.badChanges).toBe(3)
  })

  it('retries a busy answer a bounded number of times, then reports it', async () => {
    const c = connect()
    await c.connect()
    const commandId = randomUUID()
    const result = await c.send({
      commandId,
      type: 'note',
      incidentId: 'inc-1',
      expectedVersion: 1,
      payload: { text: '测试' },
      issuedAt: new Date().toISOString()
    })
    expect(result).toMatchObject({ ok: false, code: 'internal' })
    expect(c.counters.resent).toBe(5)
    expect(c.queued + c.sending).toBe(0)
  })

  it('fails connect() clearly when the hub refuses the token', async () => {
    await rogue.close()
    const { createServer } = await import('node:http')
    const { Server } = await import('socket.io')
    const http = createServer()
    const io = new Server(http)
    io.of('/v1').use((_socket, next) => next(new Error('unauthorized')))
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
    const port = (http.address() as { port: number }).port
    client = new HubClient({ hubUrl: `http://127.0.0.1:${port}/`, token: 'bad', consoleId: 'c', name: 'sim', follow: false })
    await expect(client.connect()).rejects.toThrow(/refused the connection: unauthorized/)
    client.close()
    await new Promise<void>((r) => io.close(() => r()))
    rogue = await startRogueHub()
  })

  it('rejects a pending connect() at once when closed (no timer keeps the process open)', async () => {
    const c = new HubClient({ hubUrl: 'http://127.0.0.1:9', token: 't', consoleId: 'c', name: 'sim', follow: false })
    const pending = c.connect(60_000)
    const started = Date.now()
    c.close()
    await expect(pending).rejects.toThrow(/closed before the hub said welcome/)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('answers "closed" for commands after close(), without throwing', async () => {
    const c = connect()
    await c.connect()
    c.close()
    const result = await c.send({ commandId: randomUUID(), type: 'note', incidentId: 'i', payload: { text: 'x' }, issuedAt: new Date().toISOString() })
    expect(result).toMatchObject({ ok: false, code: 'closed' })
  })
})
