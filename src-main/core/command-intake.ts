// What happens to a command between the person and the outbox (issue 16): a command identical to
// one still pending on the same case is refused here with a message (sending it twice could only be
// refused by the hub, or do the act twice), and an accept also claims the case for this seat when
// the setting asks for it (on unless turned off), so another seat or the simulated hall leaves it alone.
// The claim is chained to the accept's answer (ClaimChain): queued only once the accept is applied,
// on the version the accept made, and dropped when the accept is held; queued ahead on the version
// the accept "would" make, it could land on another seat's case after a lost race.
import { type OutboxEntry, type Result, type Settings, CommandRequest, fail } from '../../src-shared/api'
import { identicalPending, isPendingState } from '../../src-shared/domain'
import type { Incident } from '../../src-shared/protocol'
import { type Outbox } from './outbox'

/** True unless the person turned claiming on accept off. */
export function claimsOnAccept(settings: Pick<Settings, 'claimOnAccept'>): boolean {
  return settings.claimOnAccept ?? true
}

type ChainDeps = {
  outbox: Pick<Outbox, 'list' | 'enqueue'>
  /** The case as this console's cache holds it (the accept's result is written before the outbox says it is done). */
  getIncident: (id: string) => Promise<Incident | null>
  log: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void
}

/** Claims waiting for their accept's answer: accept commandId → case. */
export class ClaimChain {
  private readonly waiting = new Map<string, string>()
  /** Per waiting case, the seat's own commands issued on it after the accept (a 派遣 queued offline). */
  private readonly ownAfter = new Map<string, Set<string>>()

  constructor(private readonly deps: ChainDeps) {}

  follow(acceptCommandId: string, incidentId: string): void {
    this.waiting.set(acceptCommandId, incidentId)
    this.ownAfter.set(incidentId, new Set())
  }

  /** Every command this seat issues on a case whose claim waits: those acts do not take the case from it. */
  noteIssued(incidentId: string | undefined, commandId: string): void {
    if (incidentId !== undefined) this.ownAfter.get(incidentId)?.add(commandId)
  }

  /** How many claims wait for an accept (tests, diagnostics). */
  get size(): number {
    return this.waiting.size
  }

  private forget(acceptId: string, incidentId: string): void {
    this.waiting.delete(acceptId)
    if (![...this.waiting.values()].includes(incidentId)) this.ownAfter.delete(incidentId)
  }

  /**
   * Call with every outbox change. An accept still queued or in flight keeps its claim waiting; a held
   * one (failed, conflict) drops it; a gone one was applied or discarded, and only the case's own
   * timeline says which. The claim goes out when the accept is in the timeline and every act after it
   * is this seat's own (after an outage the 派遣 queued behind the 立案 lands before the claim could);
   * while one of the seat's commands on the case still waits, the claim waits too (queued now, on a
   * version that command is about to move, it would come back held). Anything else drops it.
   */
  async onOutbox(entries: readonly OutboxEntry[]): Promise<void> {
    for (const [acceptId, incidentId] of [...this.waiting]) {
      const entry = entries.find((e) => e.command.commandId === acceptId)
      if (entry !== undefined && isPendingState(entry.state)) continue
      if (entry !== undefined) {
        this.forget(acceptId, incidentId)
        this.deps.log('info', 'claim on accept dropped: the accept was held', { incidentId, state: entry.state })
        continue
      }
      if (entries.some((e) => e.command.incidentId === incidentId && isPendingState(e.state))) continue
      const own = this.ownAfter.get(incidentId) ?? new Set<string>()
      this.forget(acceptId, incidentId)
      const incident = await this.deps.getIncident(incidentId)
      const at = incident?.timeline.findIndex((t) => t.commandId === acceptId) ?? -1
      const later = incident === null || incident === undefined || at < 0 ? null : incident.timeline.slice(at + 1)
      if (incident === null || incident === undefined || later === null || !later.every((t) => t.commandId !== undefined && own.has(t.commandId))) {
        this.deps.log('info', 'claim on accept dropped: the case does not show this accept followed only by this seat\'s acts', { incidentId })
        continue
      }
      const claim = { type: 'claim' as const, incidentId, expectedVersion: incident.version, payload: {} }
      if (identicalPending(this.deps.outbox.list(), claim) !== null) continue
      const queued = await this.deps.outbox.enqueue(claim)
      if (!queued.ok) this.deps.log('warn', 'claim on accept could not be queued', { incidentId, code: queued.error.code })
    }
  }
}

export async function issueThroughIntake(
  outbox: Pick<Outbox, 'list' | 'enqueue'>,
  settings: Pick<Settings, 'claimOnAccept'>,
  request: unknown,
  chain?: ClaimChain
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
  if (queued.ok) chain?.noteIssued(req.incidentId, queued.value.command.commandId)
  if (!queued.ok || req.type !== 'accept' || req.incidentId === undefined || chain === undefined || !claimsOnAccept(settings)) return queued
  chain.follow(queued.value.command.commandId, req.incidentId)
  return queued
}
