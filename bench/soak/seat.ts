// The scripted seat of the shift soak: a dispatcher who, each turn, accepts the oldest case still
// reported and dispatches one case it accepted earlier, through the console's own API (so each
// command goes through the outbox, across the link drops). Races with the simulated hall are
// expected (a conflict is a refusal, not a loss); what it sent is checked on the hub afterwards.
import type { ConsoleApi } from '../../src-shared/api/console-api'

export type SentCommand = { commandId: string; type: 'accept' | 'dispatch'; incidentId: string; refusedAtIntake: boolean }

type Api = Pick<ConsoleApi, 'getSnapshot' | 'issueCommand'>

export class ScriptedSeat {
  readonly sent: SentCommand[] = []
  /** Intake refusals (never queued, so nothing to check on the hub), by error code. */
  readonly intakeErrors: Record<string, number> = {}
  private readonly touched = new Set<string>()
  private readonly accepted: string[] = []
  private turn = 0

  constructor(private readonly api: Api) {}

  async act(): Promise<void> {
    const snap = await this.api.getSnapshot()
    const byId = new Map(snap.incidents.map((i) => [i.id, i]))
    const fresh = snap.incidents
      .filter((i) => i.status === 'reported' && !this.touched.has(i.id))
      .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt))[0]
    if (fresh) {
      this.touched.add(fresh.id)
      if (await this.issue('accept', fresh.id, fresh.version, {})) this.accepted.push(fresh.id)
    }
    // Dispatch a case this seat accepted once the acceptance has come back (status accepted).
    const idx = this.accepted.findIndex((id) => byId.get(id)?.status === 'accepted')
    const units = snap.units.filter((u) => u.status !== 'off_duty')
    if (idx >= 0 && units.length > 0) {
      const inc = byId.get(this.accepted[idx] as string)
      this.accepted.splice(idx, 1)
      const unit = units[this.turn++ % units.length]
      if (inc && unit) await this.issue('dispatch', inc.id, inc.version, { unitIds: [unit.id] })
    }
    // Cases the hall took meanwhile never come back to accepted: forget the oldest.
    if (this.accepted.length > 50) this.accepted.splice(0, this.accepted.length - 50)
  }

  private async issue(type: 'accept' | 'dispatch', incidentId: string, expectedVersion: number, payload: Record<string, unknown>): Promise<boolean> {
    const r = await this.api.issueCommand({ type, incidentId, expectedVersion, payload })
    if (!r.ok) {
      this.intakeErrors[r.error.code] = (this.intakeErrors[r.error.code] ?? 0) + 1
      return false
    }
    this.sent.push({ commandId: r.value.command.commandId, type, incidentId, refusedAtIntake: false })
    return true
  }
}
