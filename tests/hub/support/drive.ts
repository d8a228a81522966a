// Drives fresh cases to a given status through the hub's own command pipeline (no socket), for tests
// that then act on them over a real socket.
import { randomUUID } from 'node:crypto'
import type { Incident, IncidentStatus } from '../../../src-shared/protocol'
import type { Hub } from '../../../src-hub/hub'
import { callerFor, reportIncidents, TEST_TOKENS } from '../../helpers/start-hub'

export const WORKER = 'u-gw-110101001001001'

export async function run(hub: Hub, token: string, type: string, incident: Incident, payload: Record<string, unknown> = {}): Promise<Incident> {
  const { answer } = await hub.command(
    { commandId: randomUUID(), type, incidentId: incident.id, payload, issuedAt: new Date().toISOString() },
    callerFor(hub, token)
  )
  if (!answer.ok) throw new Error(`${type} on ${incident.status} failed: ${answer.error.code} ${answer.error.message}`)
  return answer.entity as Incident
}

const D = TEST_TOKENS.dispatcher
const L = TEST_TOKENS.lead
const U = TEST_TOKENS.unit

/** A new case (in grid 110101001001001 unless `gridIndex` says otherwise) in `status`. */
export async function caseIn(hub: Hub, status: IncidentStatus): Promise<Incident> {
  const [reported] = await reportIncidents(hub, 1)
  if (!reported) throw new Error('report failed')
  let c = reported
  const accept = async () => (c = await run(hub, D, 'accept', c))
  const dispatch = async () => (c = await run(hub, D, 'dispatch', c, { unitIds: [WORKER] }))
  switch (status) {
    case 'reported':
      return c
    case 'accepted':
      return accept()
    case 'rejected':
      return run(hub, D, 'reject', c, { reason: '重复上报' })
    case 'merged': {
      const [other] = await reportIncidents(hub, 1)
      if (!other) throw new Error('report failed')
      return run(hub, D, 'merge', c, { intoIncidentId: other.id })
    }
    case 'dispatched':
      await accept()
      return dispatch()
    case 'in_progress':
      await accept()
      await dispatch()
      return run(hub, U, 'sign', c, { unitId: WORKER })
    case 'resolved':
      await accept()
      await dispatch()
      c = await run(hub, U, 'sign', c, { unitId: WORKER })
      return run(hub, U, 'feedback', c, { unitId: WORKER, note: '已清理' })
    case 'closed':
      c = await caseIn(hub, 'resolved')
      return run(hub, D, 'verify', c, { passed: true })
    case 'escalated':
      await accept()
      return run(hub, D, 'escalate', c, { level: 'district', reasonCode: 'beyond_authority', reason: '超出街道权限' })
    case 'suspended':
      await accept()
      return run(hub, L, 'suspend', c, { reason: '长期挂账' })
  }
}
