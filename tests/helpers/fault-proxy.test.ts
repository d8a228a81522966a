// The fault proxy itself: passes bytes, delays them, holds them while stalled, refuses while down.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from './fault-proxy'

let echo: net.Server
let proxy: FaultProxy

async function startEcho(): Promise<number> {
  echo = net.createServer((s) => s.on('data', (d) => s.write(d)).on('error', () => undefined))
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r))
  return (echo.address() as net.AddressInfo).port
}

function roundTrip(port: number, text: string, waitMs = 2000): Promise<string | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text))
    const timer = setTimeout(() => {
      s.destroy()
      resolve('timeout')
    }, waitMs)
    s.on('data', (d) => {
      clearTimeout(timer)
      s.destroy()
      resolve(d.toString())
    })
    s.on('close', () => {
      clearTimeout(timer)
      resolve('closed')
    })
    s.on('error', () => undefined)
  })
}

afterEach(async () => {
  await proxy?.close()
  await new Promise<void>((r) => echo?.close(() => r()))
})

describe('fault proxy', () => {
  it('passes bytes through', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: await startEcho() })
    expect(await roundTrip(proxy.port, 'hello')).toBe('hello')
  })

  it('delays bytes by at least the set delay each way', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: await startEcho() })
    proxy.setMode({ kind: 'delay', ms: 100 })
    const started = Date.now()
    expect(await roundTrip(proxy.port, 'slow')).toBe('slow')
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('holds bytes while stalled and releases them after', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: await startEcho() })
    proxy.setMode({ kind: 'stall' })
    const pending = roundTrip(proxy.port, 'held', 3000)
    await new Promise((r) => setTimeout(r, 300))
    proxy.setMode({ kind: 'pass' })
    expect(await pending).toBe('held')
  })

  it('refuses connections while down', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: await startEcho() })
    proxy.setMode({ kind: 'down' })
    expect(await roundTrip(proxy.port, 'x')).toBe('closed')
  })
})
