// The lead's pure logic: typed deadlines, finding cases by code, merge targets, acting for a unit,
// shifts, the handover rows and the one request per shift (every open case, ≤ 2,000), 已交班/已接班,
// refusals with their reason, acknowledgments.
import { describe, expect, it } from 'vitest'
import {
  checkDeadline,
  defaultExtension,
  formatDeadlineInput,
  parseDeadlineInput
} from '../../../src-renderer/console/panels/deadline-field'
import { caseByCode, checkMergeTarget, isMergeCandidate, matchCodes } from '../../../src-renderer/console/panels/case-lookup'
import { unitActionRequest } from '../../../src-renderer/console/panels/unit-action-model'
import { extrasPayload } from '../../../src-renderer/console/panels/dispatch-model'
import {
  acknowledgeRequest,
  awaitingHandovers,
  handoverRefusals,
  handoverRequests,
  handoverRows,
  ownShiftHandover,
  streetsOf,
  leadRecipients,
  MAX_HANDOVER_ITEMS,
  shiftOf
} from '../../../src-renderer/console/lead/handover-model'
import type { Handover } from '../../../src-shared/protocol'
import type { OutboxEntry } from '../../../src-shared/api'
import { makeReference, makeSummary } from '../fixtures'

const BJ = 480
const at = (iso: string) => Date.parse(iso)

describe('deadline field', () => {
  it('formats and parses in the hall zone, refusing dates that do not exist', () => {
    expect(formatDeadlineInput(at('2026-11-23T02:00:00Z'), BJ)).toBe('2026-11-23 10:00')
    expect(parseDeadlineInput('2026-11-23 10:00', BJ)).toBe(at('2026-11-23T02:00:00Z'))
    expect(parseDeadlineInput(' 2026-11-23T10:00 ', BJ)).toBe(at('2026-11-23T02:00:00Z'))
    expect(parseDeadlineInput('2026-02-31 10:00', BJ)).toBeNull()
    expect(parseDeadlineInput('2026-11-23 24:00', BJ)).toBeNull()
    expect(parseDeadlineInput('tomorrow', BJ)).toBeNull()
  })

  it('refuses a past deadline and an extension that is not later', () => {
    const now = at('2026-11-23T02:00:00Z')
    expect(checkDeadline('2026-11-23 09:59', now, BJ)).toEqual({ ok: false, error: 'deadline.past' })
    expect(checkDeadline('2026-11-23 10:00', now, BJ)).toEqual({ ok: false, error: 'deadline.past' })
    expect(checkDeadline('23/11/2026', now, BJ)).toEqual({ ok: false, error: 'deadline.format' })
    expect(checkDeadline('2026-11-23 11:00', now, BJ, '2026-11-23T04:00:00Z')).toEqual({ ok: false, error: 'deadline.notLater' })
    expect(checkDeadline('2026-11-23 13:00', now, BJ, '2026-11-23T04:00:00Z')).toEqual({ ok: true, iso: '2026-11-23T05:00:00.000Z' })
  })

  it('offers one working day past the current deadline, or past now when it is gone', () => {
    const calendar = makeReference().calendar
    // Monday 10:00 Beijing + 1 working day = Tuesday 10:00.
    const monday10 = at('2026-11-23T02:00:00Z')
    expect(defaultExtension({ deadlineAt: '2026-11-23T02:00:00Z' }, at('2026-11-22T00:00:00Z'), calendar)).toBe(at('2026-11-24T02:00:00Z'))
    // Overdue: from now (Monday 10:00), not from the past deadline.
    expect(defaultExtension({ deadlineAt: '2026-11-20T02:00:00Z' }, monday10, calendar)).toBe(at('2026-11-24T02:00:00Z'))
    // Friday 10:00 + 1 working day = Monday 10:00.
    expect(defaultExtension({ deadlineAt: '2026-11-27T02:00:00Z' }, monday10, calendar)).toBe(at('2026-11-30T02:00:00Z'))
    // Without a calendar: a plain day.
    expect(defaultExtension({ deadlineAt: null }, monday10, null)).toBe(at('2026-11-24T02:00:00Z'))
  })

  it('dispatch extras: blank ones left out, a past deadline refused', () => {
    const now = at('2026-11-23T02:00:00Z')
    expect(extrasPayload({ instructions: '  ', deadline: '' }, now, BJ)).toEqual({ ok: true, fields: {} })
    expect(extrasPayload({ instructions: ' 先联系物业 ', deadline: '2026-11-24 17:30' }, now, BJ)).toEqual({
      ok: true,
      fields: { instructions: '先联系物业', deadlineAt: '2026-11-24T09:30:00.000Z' }
    })
    expect(extrasPayload({ instructions: '', deadline: '2026-11-22 17:30' }, now, BJ)).toEqual({ ok: false, error: 'deadline.past' })
  })
})

describe('case lookup and merge targets', () => {
  const a = makeSummary({ id: 'a', code: 'DC20261122-0042' })
  const b = makeSummary({ id: 'b', code: 'DC20261122-1042' })
  const closed = makeSummary({ id: 'c', code: 'DC20261121-0007', status: 'closed' })
  const all = [a, b, closed]

  it('finds by exact code, any case, and lists matches exact first then by suffix', () => {
    expect(caseByCode(all, ' dc20261122-0042 ')?.id).toBe('a')
    expect(caseByCode(all, '0042')).toBeNull()
    expect(matchCodes(all, '042', 10).map((i) => i.id)).toEqual(['b', 'a'])
    expect(matchCodes(all, 'DC20261122-0042', 10).map((i) => i.id)).toEqual(['a'])
    expect(matchCodes(all, '', 10)).toEqual([])
    expect(matchCodes(all, 'DC', 10, (i) => isMergeCandidate(a, i)).map((i) => i.id)).toEqual(['b'])
  })

  it('refuses merging into nothing, an unknown code, itself or a finished case', () => {
    expect(checkMergeTarget(a, null, '  ')).toEqual({ ok: false, error: 'merge.typeCode' })
    expect(checkMergeTarget(a, null, 'DC-9')).toEqual({ ok: false, error: 'merge.unknown', code: 'DC-9' })
    expect(checkMergeTarget(a, a, a.code)).toEqual({ ok: false, error: 'merge.self' })
    expect(checkMergeTarget(a, closed, closed.code)).toEqual({ ok: false, error: 'merge.notOpen', code: closed.code })
    expect(checkMergeTarget(a, b, b.code)).toEqual({ ok: true, target: b })
  })
})

describe('acting for a unit', () => {
  const incident = makeSummary({ id: 'a', version: 5, status: 'in_progress', assignees: ['u1', 'u2'] })

  it('needs an assignee and, for return and feedback, the text', () => {
    expect(unitActionRequest('sign', incident, { unitId: null, text: '' })).toEqual({ ok: false, error: 'unitAct.chooseUnit' })
    expect(unitActionRequest('sign', incident, { unitId: 'u9', text: '' })).toEqual({ ok: false, error: 'unitAct.chooseUnit' })
    expect(unitActionRequest('return', incident, { unitId: 'u1', text: ' ' })).toEqual({ ok: false, error: 'panel.textRequired' })
    expect(unitActionRequest('feedback', { ...incident, assignees: [] }, { unitId: 'u1', text: 'x' })).toEqual({
      ok: false,
      error: 'unitAct.noAssignees'
    })
    expect(unitActionRequest('return', incident, { unitId: 'u2', text: ' 不属本单位 ' })).toEqual({
      ok: true,
      request: { type: 'return', incidentId: 'a', expectedVersion: 5, payload: { unitId: 'u2', reason: '不属本单位' } }
    })
    expect(unitActionRequest('feedback', incident, { unitId: 'u1', text: '已清理' })).toMatchObject({
      ok: true,
      request: { type: 'feedback', payload: { unitId: 'u1', note: '已清理' } }
    })
    expect(unitActionRequest('sign', incident, { unitId: 'u1', text: 'ignored' })).toMatchObject({
      ok: true,
      request: { type: 'sign', payload: { unitId: 'u1' } }
    })
  })
})

describe('shifts', () => {
  it('names the 8-hour block that held the moment one hour ago, in the hall zone', () => {
    // 15:30 Beijing: the morning shift (08–16).
    expect(shiftOf(at('2026-11-23T07:30:00Z'), BJ)).toEqual({ id: '2026-11-23-S2', date: '2026-11-23', index: 2 })
    // 16:40 Beijing, just after the change: still the morning shift being handed over.
    expect(shiftOf(at('2026-11-23T08:40:00Z'), BJ).id).toBe('2026-11-23-S2')
    // 17:10 Beijing: the evening shift.
    expect(shiftOf(at('2026-11-23T09:10:00Z'), BJ).id).toBe('2026-11-23-S3')
    // 00:30 Beijing on the 24th: the evening shift of the 23rd.
    expect(shiftOf(at('2026-11-23T16:30:00Z'), BJ).id).toBe('2026-11-23-S3')
    // 07:50 Beijing: the night shift.
    expect(shiftOf(at('2026-11-23T23:50:00Z'), BJ).id).toBe('2026-11-24-S1')
  })
})

describe('handover rows and requests', () => {
  const now = at('2026-11-23T02:00:00Z')
  const overdue = makeSummary({ id: 'late', code: 'C-1', status: 'dispatched', urgency: 'normal', deadlineAt: '2026-11-23T01:00:00Z' })
  const urgent = makeSummary({ id: 'urg', code: 'C-2', status: 'reported', urgency: 'urgent' })
  const soon = makeSummary({ id: 'soon', code: 'C-3', status: 'in_progress', urgency: 'normal', deadlineAt: '2026-11-23T03:00:00Z' })
  const later = makeSummary({ id: 'later', code: 'C-4', status: 'dispatched', urgency: 'normal', deadlineAt: '2026-11-25T03:00:00Z' })
  const closed = makeSummary({ id: 'done', code: 'C-5', status: 'closed' })
  const rejected = makeSummary({ id: 'rej', code: 'C-6', status: 'rejected' })
  const otherStreet = makeSummary({ id: 'far', code: 'C-7', status: 'accepted', gridCode: '110101002001001' })

  it('lists every open case, overdue first, then by urgency and time left', () => {
    const rows = handoverRows([later, closed, soon, urgent, rejected, overdue, otherStreet], now, 'group')
    expect(rows.map((r) => r.incident.id)).toEqual(['late', 'urg', 'soon', 'later', 'far'])
    expect(rows.map((r) => r.group)).toEqual(['overdue', 'urgent', 'normal', 'normal', 'normal'])
    expect(handoverRows([later, soon, urgent, overdue], now, 'deadline').map((r) => r.incident.id)).toEqual([
      'late',
      'soon',
      'later',
      'urg'
    ])
  })

  it('puts every case, of every street, in one request with its note (rev 1.5)', () => {
    const rows = handoverRows([later, soon, urgent, overdue, otherStreet, closed], now, 'group')
    expect(streetsOf(rows)).toEqual(['110101001', '110101002'])
    const built = handoverRequests(rows, {
      shiftId: '2026-11-23-S2',
      summary: ' 雨天积水较多 ',
      toUserId: 'user-lead2',
      notes: new Map([['soon', '  物业已到场 ']])
    })
    if (!built.ok) throw new Error(built.error)
    expect(built.requests).toHaveLength(1)
    const [first] = built.requests
    expect(first).toMatchObject({ type: 'handover.submit', payload: { shiftId: '2026-11-23-S2', summary: '雨天积水较多', toUserId: 'user-lead2' } })
    const items = first?.payload.items as { incidentId: string; note: string }[]
    expect(items.map((i) => i.incidentId)).toEqual(['late', 'urg', 'soon', 'later', 'far'])
    expect(items.find((i) => i.incidentId === 'soon')?.note).toBe('物业已到场')
    expect(items.find((i) => i.incidentId === 'late')?.note).toBe('')
    expect(first?.incidentId).toBeUndefined()
  })

  it('refuses more than one handover holds and an empty summary; leaves out an unset recipient', () => {
    const many = Array.from({ length: MAX_HANDOVER_ITEMS + 1 }, (_, i) => makeSummary({ id: `m${i}`, code: `M-${i}`, status: 'accepted' }))
    const rows = handoverRows(many, now, 'group')
    expect(handoverRequests(rows, { shiftId: 's', summary: 'ok', toUserId: null, notes: new Map() })).toEqual({ ok: false, error: 'handover.tooMany' })
    const fits = handoverRequests(rows.slice(1), { shiftId: 's', summary: 'ok', toUserId: null, notes: new Map() })
    if (!fits.ok) throw new Error(fits.error)
    expect(fits.requests.map((r) => (r.payload.items as unknown[]).length)).toEqual([MAX_HANDOVER_ITEMS])
    expect(fits.requests[0]?.payload).not.toHaveProperty('toUserId')
    expect(handoverRequests(rows, { shiftId: 's', summary: '  ', toUserId: null, notes: new Map() })).toEqual({
      ok: false,
      error: 'handover.summaryRequired'
    })
    expect(handoverRequests([], { shiftId: 's', summary: 'quiet night', toUserId: null, notes: new Map() })).toMatchObject({
      ok: true,
      requests: [{ payload: { items: [] } }]
    })
  })
})

describe('incoming handovers', () => {
  const handover = (over: Partial<Handover>): Handover => ({
    id: 'h1',
    version: 1,
    seq: 1,
    shiftId: '2026-11-23-S2',
    streetCode: '110101001',
    from: { userId: 'user-lead', name: '王值班长' },
    to: null,
    state: 'submitted',
    submittedAt: '2026-11-23T08:00:00Z',
    acknowledgedAt: null,
    summary: '',
    items: [
      { id: 'h1-1', incidentId: 'a', statusAtHandover: 'dispatched', note: '', acknowledged: false },
      { id: 'h1-2', incidentId: 'b', statusAtHandover: 'accepted', note: 'x', acknowledged: true },
      { id: 'h1-3', incidentId: 'c', statusAtHandover: 'reported', note: '', acknowledged: false }
    ],
    ...over
  })

  it('are the submitted ones from others, to me or to nobody, oldest first', () => {
    const list = [
      handover({ id: 'late', submittedAt: '2026-11-23T09:00:00Z' }),
      handover({ id: 'early', to: { userId: 'me', name: 'Me' } }),
      handover({ id: 'other', to: { userId: 'someone', name: 'S' } }),
      handover({ id: 'mine', from: { userId: 'me', name: 'Me' } }),
      handover({ id: 'done', state: 'acknowledged' })
    ]
    expect(awaitingHandovers(list, 'me').map((h) => h.id)).toEqual(['early', 'late'])
    expect(awaitingHandovers(list, null)).toEqual([])
  })

  it('acknowledges only chosen open items, and refuses an empty choice', () => {
    const h = handover({})
    expect(acknowledgeRequest(h, [])).toEqual({ ok: false, error: 'handover.chooseItems' })
    expect(acknowledgeRequest(h, ['h1-2'])).toEqual({ ok: false, error: 'handover.chooseItems' })
    expect(acknowledgeRequest(h, ['h1-3', 'h1-2', 'nope'])).toEqual({
      ok: true,
      request: { type: 'handover.acknowledge', handoverId: 'h1', payload: { itemIds: ['h1-3'] } }
    })
    // A summary-only handover is acknowledged whole.
    expect(acknowledgeRequest(handover({ items: [] }), [])).toEqual({
      ok: true,
      request: { type: 'handover.acknowledge', handoverId: 'h1', payload: {} }
    })
  })

  it("finds this shift's own handover (已交班 / 已接班), the latest one", () => {
    const list = [
      handover({ id: 'mine', from: { userId: 'me', name: 'Me' } }),
      handover({ id: 'mine-ack', from: { userId: 'me', name: 'Me' }, submittedAt: '2026-11-23T08:05:00Z', state: 'acknowledged' }),
      handover({ id: 'other-shift', from: { userId: 'me', name: 'Me' }, shiftId: '2026-11-23-S1', submittedAt: '2026-11-23T09:00:00Z' }),
      handover({ id: 'theirs', submittedAt: '2026-11-23T10:00:00Z' })
    ]
    expect(ownShiftHandover(list, '2026-11-23-S2', 'me')?.id).toBe('mine-ack')
    expect(ownShiftHandover(list, '2026-11-23-S3', 'me')).toBeNull()
    expect(ownShiftHandover(list, '2026-11-23-S2', null)).toBeNull()
  })

  it('lists handover commands the hub refused with its reason, newest first, and nothing else', () => {
    const entry = (id: string, type: string, state: OutboxEntry['state'], queuedAt: string, error: OutboxEntry['error']): OutboxEntry => ({
      command: { commandId: id, type, payload: {}, issuedAt: queuedAt } as OutboxEntry['command'],
      state,
      attempts: 1,
      error,
      current: null,
      queuedAt
    })
    const refused = { code: 'conflict' as const, message: 'shift 2026-11-23-S2 was already handed over by 王值班长' }
    const outbox = [
      entry('a', 'handover.submit', 'failed', '2026-11-23T08:00:00Z', { code: 'forbidden', message: 'old' }),
      entry('b', 'handover.submit', 'conflict', '2026-11-23T09:00:00Z', refused),
      entry('c', 'handover.submit', 'queued', '2026-11-23T10:00:00Z', null),
      entry('d', 'accept', 'failed', '2026-11-23T11:00:00Z', { code: 'forbidden', message: 'x' })
    ]
    expect(handoverRefusals(outbox)).toEqual([
      { commandId: 'b', type: 'handover.submit', code: 'conflict', reason: refused.message },
      { commandId: 'a', type: 'handover.submit', code: 'forbidden', reason: 'old' }
    ])
  })

  it('offers the other leads on line as recipients, each once', () => {
    const consoles = [
      { user: { id: 'l2', name: '李值班长' }, role: 'lead' },
      { user: { id: 'l2', name: '李值班长' }, role: 'lead' },
      { user: { id: 'me', name: 'Me' }, role: 'lead' },
      { user: { id: 'd1', name: 'Dispatcher' }, role: 'dispatcher' }
    ]
    expect(leadRecipients(consoles, 'me')).toEqual([{ id: 'l2', name: '李值班长' }])
  })
})
