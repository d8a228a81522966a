// Runs the reference hub for the sync benchmarks in its own process, as the district's hub is
// another machine: its work then runs beside the console instead of taking turns on one thread.
// Arguments: how many entities to hold (0: only the units), and how many reported cases to name
// as command targets. Sends {url, head, token, seedMs, targets} over IPC once ready; exits on
// {close: true}.
import type { Incident } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, type TestHub } from '../../tests/helpers/start-hub'

/** Fills the hub with cases through its store's write transactions (hub-made versions and seqs). */
async function seedHub(hub: TestHub, n: number): Promise<void> {
  const templates = await reportIncidents(hub.hub, 4)
  for (let done = templates.length; done < n; ) {
    const part = Math.min(2000, n - done)
    await hub.hub.store.write(async (tx) => {
      for (let i = 0; i < part; i++) {
        const t = templates[(done + i) % templates.length] as Incident
        await tx.put('incident', { ...t, id: `inc-seed-${done + i}`, code: `SEED-${done + i}`, title: `种子事件 ${done + i}` })
      }
    })
    done += part
  }
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? '100000')
  const targetCount = Number(process.argv[3] ?? '0')
  const hub = await startTestHub({ hub: { rateLimit: false } })
  const started = performance.now()
  // Units are in the record too: together with the cases they make `total` entities.
  const units = await hub.hub.store.countEntities('unit')
  if (total > units) await seedHub(hub, total - units)
  const seedMs = performance.now() - started
  const targets = targetCount > 0 ? (await reportIncidents(hub.hub, targetCount)).map((i) => i.id) : []
  process.on('message', (order: { close?: true }) => {
    if (order.close) void hub.stop().then(() => process.exit(0))
  })
  process.send?.({ url: hub.url, head: hub.hub.store.headSeq(), token: hub.tokens.lead, seedMs, targets })
}

main().catch((err: unknown) => {
  process.stderr.write(`hub child failed: ${String(err)}\n`)
  process.exit(1)
})
