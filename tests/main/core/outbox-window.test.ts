// The outbox's send window against a scripted hub that answers late, out of order, and with
// transient failures: the window stays bounded, one command per case is in flight, each case's
// commands are applied in the order typed, and every command exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { RequestOutcome } from '../../../src-main/core/hub-link'
import { openCache } from '../../../src-main/core/open-cache'
import { Outbox, type CommandChannel } from '../../../src-main/core/outbox'
import type { ApplyResult, Store } from '../../../src-main/core/store'
import type { Command } from '../../../src-shared/protocol'
import { makeIncident } from '../../fixtures/entities'
import { makeTempDir } from './temp-dir'

/** A small deterministic random source, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

type Fault = 'none' | 'timeout' | 'lost' | 'rate_limited' | 'internal' | 'disconnect'

/**
 * A hub that stores the first answer per commandId (as the real one does), answers after a random
 * delay, and injects faults: `lost` applies the command but the answer never arrives (a timeout).
 */
class ScriptedHub implements CommandChannel {
  isOnline = true
  scopeSet: ReadonlySet<string> | null = new Set(['110101006'])
  sent: Command[] = []
  /** commandIds in the order the hub applied them. */
  appliedOrder: string[] = []
  applied: ApplyResult[] = []
  inFlight = new Map<string, Command>()
  maxInFlight = 0
  maxPerCase = 0
  private readonly answers = new Map<string, unknown>()
  private readonly versions = new Map<string, number>()
  private seq = 100
  fault: (cmd: Command) => Fault = () => 'none'

  constructor(private readonly rnd: () => number) {}

  private apply(cmd: Command): unknown {
    const prior = this.answers.get(cmd.commandId)
    if (prior !== undefined) return prior
    const id = cmd.incidentId ?? `new-${cmd.commandId.slice(0, 8)}`
    const version = (this.versions.get(id) ?? 1) + 1
    this.versions.set(id, version)
    this.seq += 1
    this.appliedOrder.push(cmd.commandId)
    const answer = { ok: true, seq: this.seq, entity: makeIncident({ id, version, seq: this.seq, status: 'accepted' }) }
    this.answers.set(cmd.commandId, answer)
    return answer
  }

  async request(_event: string, payload: unknown, timeoutMs = 200): Promise<RequestOutcome> {
    const cmd = payload as Command
    if (!this.isOnline) return { kind: 'disconnected' }
    this.sent.push(cmd)
    this.inFlight.set(cmd.commandId, cmd)
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size)
    const perCase = [...this.inFlight.values()].filter((c) => c.incidentId !== undefined && c.incidentId === cmd.incidentId).length
    this.maxPerCase = Math.max(this.maxPerCase, perCase)
    const fault = this.fault(cmd)
    // The hub receives in send order; applying at once keeps that order, answering late does not.
    const answer = fault === 'none' || fault === 'lost' ? this.apply(cmd) : null
    await new Promise((r) => setTimeout(r, Math.floor(this.rnd() * 6)))
    if (fault === 'lost') await new Promise((r) => setTimeout(r, timeoutMs))
    this.inFlight.delete(cmd.commandId)
    switch (fault) {
      case 'none':
        return { kind: 'answer', value: answer, rttMs: 1 }
      case 'lost':
      case 'timeout':
        return { kind: 'timeout' }
      case 'disconnect':
        this.isOnline = false
        setTimeout(() => {
          this.isOnline = true
          this.onBack()
        }, 20)
        return { kind: 'disconnected' }
      default:
        return { kind: 'answer', value: { ok: false, error: { code: fault, message: 'try again' } }, rttMs: 1 }
    }
  }

  onBack: () => void = () => undefined

  noteApplied(result: ApplyResult): void {
    this.applied.push(result)
  }
}

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let hub: ScriptedHub
let outbox: Outbox

function make(maxInFlight: number): Outbox {
  const o = new Outbox({
    store,
    channel: hub,
    log: () => undefined,
    now: () => Date.parse('2026-11-22T02:00:00.000Z'),
    onChange: () => undefined,
    timing: { ackTimeoutMs: 40, retryBaseMs: 5, retryMaxMs: 20, maxInFlight }
  })
  hub.onBack = () => o.kick()
  return o
}

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
  hub = new ScriptedHub(random(7))
})
afterEach(async () => {
  await outbox.close()
  await store.close().catch(() => undefined)
  tmp.remove()
})

async function until(cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Queues `n` notes offline over `cases` cases (every 7th a report), returns their commandIds. */
async function queue(n: number, cases: number): Promise<Command[]> {
  hub.isOnline = false
  const out: Command[] = []
  for (let i = 0; i < n; i++) {
    const request =
      i % 7 === 6
        ? {
            type: 'report' as const,
            payload: {
              draft: {
                categoryCode: '0101',
                urgency: 'normal',
                source: 'hotline',
                title: `来电 ${i}`,
                description: '测试',
                address: '测试地址',
                location: { lng: 116.4, lat: 39.9 }
              }
            }
          }
        : { type: 'note' as const, incidentId: `inc-${i % cases}`, payload: { text: `记录 ${i}` } }
    const r = await outbox.enqueue(request)
    if (!r.ok) throw new Error(r.error.message)
    out.push(r.value.command)
  }
  hub.isOnline = true
  return out
}

function perCase(commands: readonly Command[], order: readonly string[]): Map<string, string[]> {
  const caseOf = new Map(commands.map((c) => [c.commandId, c.incidentId ?? null]))
  const out = new Map<string, string[]>()
  for (const id of order) {
    const inc = caseOf.get(id)
    if (inc === undefined || inc === null) continue
    out.set(inc, [...(out.get(inc) ?? []), id])
  }
  return out
}

describe('Outbox send window', () => {
  it('keeps at most the window in flight, and fills it when there are enough cases', async () => {
    outbox = make(8)
    await outbox.load()
    await queue(200, 50)
    let seen = 0
    const probe = setInterval(() => (seen = Math.max(seen, outbox.inFlight)), 1)
    outbox.kick()
    await until(() => outbox.list().length === 0)
    clearInterval(probe)
    await outbox.idle()
    expect(hub.maxInFlight).toBeLessThanOrEqual(8)
    expect(hub.maxInFlight).toBe(8)
    expect(seen).toBeLessThanOrEqual(8)
    expect(hub.appliedOrder).toHaveLength(200)
    expect(await store.listOutbox()).toEqual([])
  })

  it('never has two commands for one case in flight; on few cases the window is the case count', async () => {
    outbox = make(32)
    await outbox.load()
    const commands = await queue(120, 3)
    outbox.kick()
    await until(() => outbox.list().length === 0)
    expect(hub.maxPerCase).toBe(1)
    // 3 cases plus the reports, which name no case and may overlap anything.
    expect(hub.maxInFlight).toBeGreaterThan(1)
    expect(hub.maxInFlight).toBeLessThanOrEqual(3 + commands.filter((c) => c.type === 'report').length)
    // With nothing failing each case got its commands in the order typed; reports may go ahead
    // of a case's queue (they name no case yet), so the global order differs.
    expect(perCase(commands, hub.appliedOrder)).toEqual(perCase(commands, commands.map((c) => c.commandId)))
    expect([...hub.appliedOrder].sort()).toEqual(commands.map((c) => c.commandId).sort())
  })

  it('keeps order per case and applies every command exactly once under injected transient failures', async () => {
    outbox = make(16)
    await outbox.load()
    const commands = await queue(300, 12)
    const rnd = random(42)
    const faults: Fault[] = ['timeout', 'lost', 'rate_limited', 'internal', 'disconnect']
    let injected = 0
    hub.fault = () => {
      if (rnd() > 0.12) return 'none'
      injected += 1
      return faults[Math.floor(rnd() * faults.length)] as Fault
    }
    outbox.kick()
    await until(() => outbox.list().length === 0, 30_000)
    expect(injected).toBeGreaterThan(10)
    // Exactly once: each command applied once at the hub (repeats got the stored answer).
    expect([...hub.appliedOrder].sort()).toEqual(commands.map((c) => c.commandId).sort())
    // Resends carried the same commandIds: nothing was sent that was not typed.
    const typed = new Set(commands.map((c) => c.commandId))
    expect(hub.sent.every((c) => typed.has(c.commandId))).toBe(true)
    expect(hub.sent.length).toBeGreaterThan(commands.length)
    // Per case, the hub applied the commands in the order typed.
    const want = perCase(commands, commands.map((c) => c.commandId))
    const got = perCase(commands, hub.appliedOrder)
    expect(got).toEqual(want)
    expect(hub.maxPerCase).toBe(1)
    expect(await store.listOutbox()).toEqual([])
    // Every answer reached the cache: each case holds the version the hub made last.
    expect((await store.getIncident('inc-0'))?.version).toBe(1 + (want.get('inc-0')?.length ?? 0))
  })

  it('holds a final error without blocking the same case, and keeps other cases flowing', async () => {
    outbox = make(4)
    await outbox.load()
    const commands = await queue(20, 2)
    const bad = commands[0] as Command
    const original = hub.request.bind(hub)
    hub.request = async (event, payload, timeoutMs) => {
      const cmd = payload as Command
      if (cmd.commandId === bad.commandId) {
        hub.sent.push(cmd)
        return { kind: 'answer', value: { ok: false, error: { code: 'forbidden', message: 'no' } }, rttMs: 1 }
      }
      return original(event, payload, timeoutMs)
    }
    outbox.kick()
    await until(() => outbox.list().length === 1)
    expect(outbox.list()[0]).toMatchObject({ state: 'failed', command: { commandId: bad.commandId } })
    // The held command's case went on with its next command, in order.
    const rest = commands.slice(1)
    expect(perCase(rest, hub.appliedOrder)).toEqual(perCase(rest, rest.map((c) => c.commandId)))
    expect(hub.appliedOrder).toHaveLength(rest.length)
  })

  it('completes a run of answered commands in one transaction', async () => {
    outbox = make(16)
    await outbox.load()
    await queue(64, 64)
    const sizes: number[] = []
    const real = store.completeCommands.bind(store)
    store.completeCommands = (items) => {
      sizes.push(items.length)
      return real(items)
    }
    outbox.kick()
    await until(() => outbox.list().length === 0)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(64)
    expect(Math.max(...sizes)).toBeGreaterThan(1)
    expect(hub.applied).toHaveLength(64)
  })
})
