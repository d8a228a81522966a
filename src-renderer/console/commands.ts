// Building and sending commands for a case: what may be done (role × status), the request shape,
// the advisory-claim check, and turning any failure into text a dispatcher can act on.
import type { ApiError, ConsoleApi, CommandRequest, IncidentSummary, OutboxEntry, Result } from '../../src-shared/api'
import type { CommandType, Role } from '../../src-shared/protocol'
import { allowedCommands, claimIsMine, roleMayIssue } from '../../src-shared/domain'
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'

/** What this user may do on this case now; a viewer (or no user yet) may do nothing. */
export function allowedFor(incident: Pick<IncidentSummary, 'status'>, role: Role | null, access: 'operator' | 'viewer'): CommandType[] {
  if (role === null || access === 'viewer') return []
  return allowedCommands(incident.status, role)
}

export function commandLabel(type: CommandType): string {
  return t(`cmd.${type}`)
}

export function buildRequest(
  type: CommandType,
  incident: Pick<IncidentSummary, 'id' | 'version'>,
  payload: Record<string, unknown>
): CommandRequest {
  return { type, incidentId: incident.id, expectedVersion: incident.version, payload }
}

/** p is one key for two commands: resume a suspended case, suspend any other. */
export function suspendToggleType(incident: Pick<IncidentSummary, 'status'>): 'suspend' | 'resume' {
  return incident.status === 'suspended' ? 'resume' : 'suspend'
}

/** The handover panel is the lead's: it opens only for a role that may submit or acknowledge handovers. */
export function mayHandOver(role: Role | null, access: 'operator' | 'viewer'): boolean {
  return role !== null && access === 'operator' && roleMayIssue(role, 'handover.submit') && roleMayIssue(role, 'handover.acknowledge')
}

/** Claimed by another console: the person must confirm before acting (claims are advisory). */
export function claimedByOther(incident: Pick<IncidentSummary, 'claimedBy'>, consoleId: string | null, userId: string | null): boolean {
  return incident.claimedBy !== null && !claimIsMine(incident.claimedBy, consoleId, userId)
}

/** `c` claims a free case (or takes over another's), and releases one this console holds. */
export function claimToggleType(incident: Pick<IncidentSummary, 'claimedBy'>, consoleId: string | null, userId: string | null): 'claim' | 'release' {
  return claimIsMine(incident.claimedBy, consoleId, userId) ? 'release' : 'claim'
}

export type SendOutcome = { ok: true; entry: OutboxEntry } | { ok: false; text: string }

/** Send through the API; a refusal or a broken carrier (a thrown error) both come back as a sentence. */
export async function sendCommand(api: ConsoleApi, request: CommandRequest): Promise<SendOutcome> {
  let result: Result<OutboxEntry>
  try {
    result = await api.issueCommand(request)
  } catch (err) {
    return { ok: false, text: t('error.carrier', { detail: carrierDetail(err) }) }
  }
  return result.ok ? { ok: true, entry: result.value } : { ok: false, text: errorText(result.error) }
}

export function carrierDetail(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** The dispatcher's sentence for an error: by code, never the English log detail. */
export function errorText(error: ApiError): string {
  // A refusal for storage says why (disk full, read-only…) when the status carries the alarm.
  const alarm = error.code === 'storage' ? useConsole.getState().status?.storage : null
  if (alarm) return t('storage.refused', { kind: t(`storage.kind.${alarm.kind}`) })
  return t(`error.${error.code}`)
}
