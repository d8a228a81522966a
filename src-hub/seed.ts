// First start on a database: write the reference's units so they get seqs and reach consoles by sync.
import type { HubUnitSeed } from './reference'
import type { HubStore } from './store'

/** Adds units the store does not hold yet; existing ones keep their live state (openCount, status). */
export async function seedUnits(store: HubStore, seeds: readonly HubUnitSeed[]): Promise<number> {
  return store.write(async (tx) => {
    let added = 0
    for (const seed of seeds) {
      if ((await tx.get('unit', seed.id)) !== null) continue
      await tx.put('unit', { ...seed, version: 1, seq: 0, openCount: 0 })
      added++
    }
    return added
  })
}
