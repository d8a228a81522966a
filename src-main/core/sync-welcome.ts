// What a welcome says about the cache (docs/protocol.md, "Rules for the console"): the cache only
// means something against the same hub, scope and seq history; otherwise it is dropped and synced
// again from 0.
import { type Welcome } from '../../src-shared/protocol'
import { type MetaState } from './store'
import { sameStreets } from './sync-options'

/** Why the cached entities must be dropped after this welcome, or null when they still hold. */
export function cacheMismatch(meta: Pick<MetaState, 'hubId' | 'scope' | 'lastSeq'>, w: Welcome): string | null {
  if (meta.hubId !== null && meta.hubId !== w.hubId) return `another hub (${meta.hubId} → ${w.hubId})`
  if (meta.scope !== null && !sameStreets(meta.scope, w.scope.streets)) return 'the scope changed'
  if (w.headSeq < meta.lastSeq) return `the hub is behind the cache (${w.headSeq} < ${meta.lastSeq})`
  return null
}
