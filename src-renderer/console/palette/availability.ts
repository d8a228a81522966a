// Whether a palette command can run now on the selected case, and if not, why. Permission is the
// domain's (allowedCommands via allowedFor, roleMayIssue); this only picks the sentence.
import type { IncidentSummary } from '../../../src-shared/api'
import { roleMayIssue } from '../../../src-shared/domain'
import type { CommandType, Role } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import type { CommandEntry } from '../command-registry'
import { allowedFor, claimToggleType, commandLabel, mayHandOver, suspendToggleType } from '../commands'

export type Seat = {
  incident: IncidentSummary | null
  role: Role | null
  access: 'operator' | 'viewer'
  consoleId: string | null
  /** The signed-in user: claims are recorded under the id the hub binds to them (rev 1.4). */
  userId: string | null
}

export type Availability = { ok: true } | { ok: false; why: string }

/** The one domain command the entry would send on this case now (c and p are two each). */
export function commandNow(entry: CommandEntry, seat: Seat): CommandType | null {
  const incident = seat.incident
  if (entry.sends.length === 0 || !incident) return entry.sends[0] ?? null
  if (entry.action.type === 'claim') return claimToggleType(incident, seat.consoleId, seat.userId)
  if (entry.action.type === 'suspendToggle') return suspendToggleType(incident)
  return entry.sends[0] ?? null
}

export function availability(entry: CommandEntry, seat: Seat): Availability {
  if (entry.action.type === 'handover') {
    if (mayHandOver(seat.role, seat.access)) return { ok: true }
    return { ok: false, why: seat.access === 'viewer' ? t('error.read_only') : t('handover.leadsOnly') }
  }
  if (entry.needsCase && !seat.incident) return { ok: false, why: t('palette.why.noCase') }
  const type = commandNow(entry, seat)
  if (type === null || !seat.incident) return { ok: true }
  if (seat.access === 'viewer' || seat.role === null) return { ok: false, why: t('error.read_only') }
  if (allowedFor(seat.incident, seat.role, seat.access).includes(type)) return { ok: true }
  if (!roleMayIssue(seat.role, type)) return { ok: false, why: t('palette.why.role', { cmd: commandLabel(type) }) }
  return { ok: false, why: t('palette.why.state', { cmd: commandLabel(type), status: t(`status.${seat.incident.status}`) }) }
}
