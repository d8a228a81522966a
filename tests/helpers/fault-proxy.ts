// A TCP proxy between console and hub that injects the hall network's faults: added delay,
// stalls (bytes held, connection open), drops (bytes discarded), and cuts mid-message.
// Loopback only; every timer is cleared by close().
import net from 'node:net'

export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  /** Hold every byte until the mode changes; connections stay open. */
  | { kind: 'stall' }
  /** Refuse new connections and cut existing ones. */
  | { kind: 'down' }

type Pair = { client: net.Socket; upstream: net.Socket; held: Array<{ to: net.Socket; data: Buffer }> }

export interface FaultProxy {
  readonly port: number
  readonly url: string
  setMode(mode: FaultMode): void
  /** Cut every open connection, each after forwarding only part of its next chunk. */
  cutAll(): void
  /** Alternate up/down every `periodMs` until stopped; returns the stop function. */
  flap(periodMs: number): () => void
  readonly stats: { connections: number; cuts: number; bytes: number }
  close(): Promise<void>
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = { kind: 'pass' }
  const pairs = new Set<Pair>()
  const timers = new Set<NodeJS.Timeout>()
  const stats = { connections: 0, cuts: 0, bytes: 0 }

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, ms)
    timers.add(t)
  }

  function destroy(pair: Pair): void {
    pairs.delete(pair)
    pair.client.destroy()
    pair.upstream.destroy()
  }

  function forward(pair: Pair, to: net.Socket, data: Buffer): void {
    stats.bytes += data.length
    if (mode.kind === 'stall') {
      pair.held.push({ to, data })
      return
    }
    if (mode.kind === 'down') return destroy(pair)
    if (mode.kind === 'delay') {
      const ms = mode.ms
      later(ms, () => {
        if (!to.destroyed) to.write(data)
      })
      return
    }
    if (!to.destroyed) to.write(data)
  }

  function releaseHeld(): void {
    for (const pair of pairs) {
      const held = pair.held.splice(0)
      for (const { to, data } of held) if (!to.destroyed) to.write(data)
    }
  }

  const server = net.createServer((client) => {
    if (mode.kind === 'down') {
      client.destroy()
      return
    }
    stats.connections += 1
    const upstream = net.connect(target.port, target.host)
    const pair: Pair = { client, upstream, held: [] }
    pairs.add(pair)
    client.on('data', (d: Buffer) => forward(pair, upstream, d))
    upstream.on('data', (d: Buffer) => forward(pair, client, d))
    const end = (): void => destroy(pair)
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port

  const proxy: FaultProxy = {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    setMode(next) {
      mode = next
      if (next.kind === 'down') for (const pair of [...pairs]) destroy(pair)
      if (next.kind !== 'stall') releaseHeld()
    },
    cutAll() {
      for (const pair of [...pairs]) {
        stats.cuts += 1
        // Cut mid-message: the next chunk in either direction is half-written, then the link dies.
        const cut = (from: net.Socket, to: net.Socket): void => {
          from.removeAllListeners('data')
          from.once('data', (d: Buffer) => {
            if (!to.destroyed) to.write(d.subarray(0, Math.max(1, Math.floor(d.length / 2))))
            destroy(pair)
          })
        }
        cut(pair.client, pair.upstream)
        cut(pair.upstream, pair.client)
        later(50, () => destroy(pair))
      }
    },
    flap(periodMs) {
      let up = true
      let stopped = false
      const tick = (): void => {
        if (stopped) return
        up = !up
        if (up) proxy.setMode({ kind: 'pass' })
        else {
          proxy.cutAll()
          proxy.setMode({ kind: 'down' })
        }
        later(periodMs, tick)
      }
      later(periodMs, tick)
      return () => {
        stopped = true
        proxy.setMode({ kind: 'pass' })
      }
    },
    async close() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      for (const pair of [...pairs]) destroy(pair)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  return proxy
}
