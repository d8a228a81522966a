// What happens to a command between the person and the outbox (issue 16): a command identical to
// one still pending on the same case is refused here with a message (sending it twice could only be
// refused by the hub, or do the act twice), and an accept also claims the case for this seat when
// the setting asks for it (off unless turned on: see claimsOnAccept), so another seat or the simulated hall leaves it alone.
import { type OutboxEntry, type Result, type Settings, CommandRequest, fail } from '../../src-shared/api'
import { identicalPending } from '../../src-shared/domain'
import { type Outbox } from './outbox'

/**
 * True when the person turned claiming on accept on. Off by default for now: the claim is queued on
 * the version the accept would make, so if the accept loses a race offline the claim could still
 * land on the other seat's accepted case; it must be chained to the accept's answer first.
 */
export function claimsOnAccept(settings: Pick<Settings, 'claimOnAccept'>): boolean {
  return settings.claimOnAccept ?? false
}

export async function issueThroughIntake(
  outbox: Pick<Outbox, 'list' | 'enqueue'>,
  settings: Pick<Settings, 'claimOnAccept'>,
  request: unknown
): Promise<Result<OutboxEntry>> {
  const parsed = CommandRequest.safeParse(request)
  // The outbox gives the schema's own refusal for a bad request.
  if (!parsed.success) return outbox.enqueue(request)
  const req = parsed.data
  const twin = identicalPending(outbox.list(), req)
  if (twin !== null) {
    return fail('duplicate', `an identical ${req.type} on this case is still waiting to be sent (queued ${twin.queuedAt}); it was not queued again`)
  }
  const queued = await outbox.enqueue(request)
  if (!queued.ok || req.type !== 'accept' || req.incidentId === undefined || !claimsOnAccept(settings)) return queued
  const claim = { type: 'claim' as const, incidentId: req.incidentId, payload: {} }
  // The claim follows the accept on the version the accept makes; a claim already pending is enough.
  if (identicalPending(outbox.list(), claim) === null) {
    const expectedVersion = req.expectedVersion === undefined ? undefined : req.expectedVersion + 1
    await outbox.enqueue(expectedVersion === undefined ? claim : { ...claim, expectedVersion })
  }
  return queued
}
