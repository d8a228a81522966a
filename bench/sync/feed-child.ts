// Runs the ingest benchmark's feed hub in its own process, as a real hub is on another machine:
// its encoding work then does not count against the console. Driven over IPC:
// {prepare: n} → makes n changes, answers {prepared}; {push: batch} → sends them, answers {pushed}.
import { makeChanges, startFeedHub } from './feed-hub'
import type { Change } from '../../src-shared/protocol'

type Order = { prepare?: number; push?: number; close?: true }

async function main(): Promise<void> {
  const feed = await startFeedHub()
  let changes: Change[] = []
  process.on('message', (order: Order) => {
    if (order.prepare !== undefined) {
      changes = makeChanges(order.prepare)
      process.send?.({ prepared: changes.length })
    } else if (order.push !== undefined) {
      feed.push(changes, order.push)
      process.send?.({ pushed: changes.length })
    } else if (order.close) {
      void feed.close().then(() => process.exit(0))
    }
  })
  process.send?.({ url: feed.url })
}

main().catch((err: unknown) => {
  process.stderr.write(`feed child failed: ${String(err)}\n`)
  process.exit(1)
})
