// Attacks on the hub's front door with real clients: the reference answer is sent from one
// serialisation (and still decodes as the stock one, over WebSocket and long-polling); a flood of
// handshakes on raw WebSocket connections and a flood of events without acknowledgement cost a handful
// of log lines, and the hub keeps answering an honest console within 1 s.
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, connectRaw, type TestConsole } from '../hub/support/client'

let t: TestHub | null = null
const open: TestConsole[] = []
let logLines: string[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

async function hubWithHonest(): Promise<{ t: TestHub; honest: TestConsole }> {
  logLines = []
  t = await startTestHub({ hub: { log: (m) => logLines.push(m) } })
  const honest = await connectConsole(t.url, t.tokens.dispatcher)
  open.push(honest)
  return { t, honest }
}

async function answersWithin1s(c: TestConsole): Promise<void> {
  const answer = await c.socket.timeout(1000).emitWithAck('sync', { sinceSeq: 0, limit: 5 })
  expect((answer as { ok: boolean }).ok).toBe(true)
}

describe('reference answer from its one serialisation', () => {
  it('decodes to the reference over WebSocket and long-polling, the same text each time', async () => {
    const { t, honest } = await hubWithHonest()
    const expected = { ok: true, ...t.hub.reference.data }
    expect(await honest.request('reference', { have: 'old' })).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(await honest.request('reference', { have: 'old' })).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(await honest.request('reference', { have: t.hub.reference.version })).toEqual({ ok: true, unchanged: true })
    expect(t.hub.reference.fullAnswer()).toBe(t.hub.reference.fullAnswer())
    const polling = connectRaw(t.url, t.tokens.viewer, { transports: ['polling'] })
    await new Promise<void>((resolve) => polling.once('welcome', () => resolve()))
    expect(await polling.timeout(5000).emitWithAck('reference', { have: 'old' })).toEqual(JSON.parse(JSON.stringify(expected)))
    polling.close()
  })
})

/** Raw Engine.IO/Socket.IO over `ws`: opens a connection and blasts `n` namespace CONNECT packets. */
function blastHandshakes(url: string, n: number): Promise<{ refusals: number; closed: boolean }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`)
  let refusals = 0
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const text = String(data)
      if (text.startsWith('0')) {
        for (let i = 0; i < n; i++) ws.send(`40/v1,${JSON.stringify({ token: `guess-${i}-xxxxxxxx`, consoleId: 'c-x', lastSeq: 0, protocol: 1 })}`)
      } else if (text.startsWith('44/v1')) refusals++
    })
    ws.on('close', () => resolve({ refusals, closed: true }))
    ws.on('error', () => undefined)
    setTimeout(() => {
      ws.terminate()
      resolve({ refusals, closed: false })
    }, 1500)
  })
}

describe('handshake flood', () => {
  it('5,000 handshakes on raw connections: connections closed, logs sampled, honest console served', async () => {
    const { t, honest } = await hubWithHonest()
    const before = logLines.length
    let sent = 0
    let refusals = 0
    let closed = 0
    const until = Date.now() + 4000
    while (sent < 5000 && Date.now() < until) {
      const rounds = await Promise.all([blastHandshakes(t.url, 500), blastHandshakes(t.url, 500)])
      sent += 1000
      for (const r of rounds) {
        refusals += r.refusals
        if (r.closed) closed++
      }
      await answersWithin1s(honest)
    }
    const lines = logLines.slice(before)
    console.log(`handshake flood: ${sent} sent, ${refusals} refusals answered, ${closed} connections closed by the hub, ${lines.length} log lines`)
    expect(sent).toBe(5000)
    // Each connection is closed after a few attempts instead of answering all 500.
    expect(closed).toBe(10)
    expect(refusals).toBeLessThanOrEqual(100)
    expect(lines.length).toBeLessThan(15)
    await answersWithin1s(honest)
    // A holder of a valid token from the same address still gets in (the failures were someone else's).
    const late = await connectConsole(t.url, t.tokens.lead)
    open.push(late)
    await answersWithin1s(late)
  })
})

describe('unacknowledged event flood', () => {
  it('20,000 commands without acknowledgement: counted, the sender dropped, logs sampled', async () => {
    const { t, honest } = await hubWithHonest()
    const attacker = await connectConsole(t.url, t.tokens.viewer)
    open.push(attacker)
    const gone = new Promise<void>((resolve) => attacker.socket.once('disconnect', () => resolve()))
    const before = logLines.length
    for (let i = 0; i < 20_000; i++) attacker.socket.emit('command', { commandId: 'x', type: 'accept' })
    await gone
    await answersWithin1s(honest)
    const lines = logLines.slice(before)
    console.log(`unacked flood: ${lines.length} log lines; invalid counted ${t.hub.invalidCount(attacker.consoleId)}`)
    expect(lines.length).toBeLessThan(10)
    expect(lines.some((l) => l.includes('invalid message'))).toBe(true)
    expect(lines.some((l) => l.includes('dropped'))).toBe(true)
  })
})
