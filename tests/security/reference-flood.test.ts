// Attack: a wall (viewer) token holder stops reading its socket and asks for the 1.6 MB reference 50
// times a second. Before the fix the hub grew from 77 MB to 2.5 GB in 30 s. Now the answer is
// serialised once, the connection's unsent queue is bounded (dropped past 32 MiB, it may reconnect and
// try again) and answers are limited by bytes: the hub stays under 300 MB and keeps answering an
// honest console within 1 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { connectConsole, type TestConsole } from '../hub/support/client'
import { startHubProcess, type HubProcess } from './support/hub-process'

const RSS_BOUND = 300 * 1024 * 1024
const ATTACK_MS = 10_000
const REQUESTS_PER_SECOND = 50

let hub: HubProcess
let honest: TestConsole

beforeAll(async () => {
  hub = await startHubProcess()
  honest = await connectConsole(hub.url, hub.tokens.dispatcher)
}, 30_000)

afterAll(async () => {
  honest?.close()
  await hub?.stop()
})

/** A client that connects, then stops reading from its TCP socket (the kernel buffers fill, then the hub's). */
function stalledReader(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/v1`, {
    auth: { token, consoleId: 'c-wall-attacker', lastSeq: 0, protocol: 1 },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true
  })
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => {
      const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } }
      const tcp = transport.ws?._socket
      if (!tcp) {
        reject(new Error('no TCP socket under the WebSocket transport'))
        return
      }
      tcp.pause()
      resolve(socket)
    })
    socket.once('connect_error', reject)
  })
}

describe('stalled-reader reference flood', () => {
  it(`keeps the hub under ${RSS_BOUND / 1024 / 1024} MB and answering an honest console within 1 s`, async () => {
    const baseline = hub.rss()
    let attacker = await stalledReader(hub.url, hub.tokens.viewer)
    let drops = 0
    let sent = 0
    let maxRss = baseline
    const latencies: number[] = []
    const failures: string[] = []
    const until = Date.now() + ATTACK_MS

    const rssTimer = setInterval(() => {
      maxRss = Math.max(maxRss, hub.rss())
    }, 100)
    const attack = (async () => {
      while (Date.now() < until) {
        if (!attacker.connected) {
          drops++
          attacker.close()
          attacker = await stalledReader(hub.url, hub.tokens.viewer).catch(() => attacker)
        }
        attacker.emit('reference', { have: 'stale' }, () => undefined)
        sent++
        await new Promise((r) => setTimeout(r, 1000 / REQUESTS_PER_SECOND))
      }
    })()
    const probe = (async () => {
      while (Date.now() < until) {
        const t0 = Date.now()
        try {
          const answer = await honest.socket.timeout(1000).emitWithAck('sync', { sinceSeq: 0, limit: 50 })
          if ((answer as { ok?: boolean }).ok !== true) failures.push(JSON.stringify(answer).slice(0, 200))
          latencies.push(Date.now() - t0)
        } catch (err) {
          failures.push(`no answer within 1 s: ${(err as Error).message}`)
        }
        await new Promise((r) => setTimeout(r, 250))
      }
    })()
    await Promise.all([attack, probe])
    clearInterval(rssTimer)
    attacker.close()

    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`
    console.log(
      `reference flood: ${sent} requests in ${ATTACK_MS / 1000} s, ${drops} drops; hub RSS ${mb(baseline)} → max ${mb(maxRss)}; ` +
        `honest answers ${latencies.length}, max ${Math.max(...latencies)} ms`
    )
    expect(sent).toBeGreaterThan((REQUESTS_PER_SECOND * ATTACK_MS) / 1000 / 2)
    expect(failures).toEqual([])
    expect(latencies.length).toBeGreaterThan(10)
    expect(maxRss).toBeLessThan(RSS_BOUND)
    // The stalled reader was cut off (its queue passed the bound), not served forever.
    expect(drops).toBeGreaterThan(0)
    // Sampled: a handful of lines about the attacker, not one per packet.
    const attackLines = hub.logLines().filter((l) => l.includes('dropped') || l.includes('rate limited'))
    expect(attackLines.length).toBeLessThan(20)
    // And the hub is still whole afterwards.
    const after = await honest.request<{ ok: boolean }>('reference', { have: 'none' })
    expect(after.ok).toBe(true)
  }, 40_000)
})
