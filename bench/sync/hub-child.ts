// Runs the reference hub for the catch-up benchmark in its own process, as the district's hub is
// another machine: its paging then runs beside the console instead of taking turns on one thread.
// Argument: how many entities to hold. Sends {url, head, token, seedMs} over IPC once seeded;
// exits on {close: true}.
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
  const hub = await startTestHub({ hub: { rateLimit: false } })
  const started = performance.now()
  // Units are in the record too: together with the cases they make `total` entities.
  await seedHub(hub, total - (await hub.hub.store.countEntities('unit')))
  const seedMs = performance.now() - started
  process.on('message', (order: { close?: true }) => {
    if (order.close) void hub.stop().then(() => process.exit(0))
  })
  process.send?.({ url: hub.url, head: hub.hub.store.headSeq(), token: hub.tokens.lead, seedMs })
}

main().catch((err: unknown) => {
  process.stderr.write(`hub child failed: ${String(err)}\n`)
  process.exit(1)
})
