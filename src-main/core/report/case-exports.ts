// The cases of a period as others read them (docs/exports.md): JSON rows with stable keys, the same as
// CSV with zh-CN headers, and Open311 GeoReport v2 service requests plus its services list.
import {
  CASE_RECORD_KEYS,
  CASE_RECORD_TIME_KEYS,
  caseFactsOf,
  caseRecordMs,
  isFacts,
  type CaseFacts,
  type CaseRecord,
  type CaseRecordMs,
  type CaseRecordIncident
} from '../../../src-shared/domain'
import type { Incident, ReferenceData } from '../../../src-shared/protocol'
import { BOM, cell } from './csv'
import { isoOrNull, isoWithOffset } from './time'

/** A case as the case exports take it: an incident (or its export fields) or its facts. */
export type ExportCase = CaseRecordIncident | CaseFacts

const receivedMs = (c: { reportedAt: string } | { reportedMs: number }): number => ('reportedMs' in c ? c.reportedMs : Date.parse(c.reportedAt))

/** Cases received (reported) in [fromMs, toMs), oldest first (ties by code). */
export function casesReceivedIn<T extends ({ reportedAt: string } | { reportedMs: number }) & { code: string }>(incidents: readonly T[], fromMs: number, toMs: number): T[] {
  // The cache hands the facts over in report order already: one pass keeps them as they are when they
  // are in order (ties included); anything else is sorted with each time parsed once (a comparator that
  // parses would do it n·log n times: seconds at 100k cases).
  const kept: T[] = []
  let sorted = true
  let lastAt = -Infinity
  let lastCode = ''
  for (const c of incidents) {
    const at = receivedMs(c)
    if (!(at >= fromMs && at < toMs)) continue
    if (at < lastAt || (at === lastAt && c.code < lastCode)) sorted = false
    lastAt = at
    lastCode = c.code
    kept.push(c)
  }
  if (sorted) return kept
  return kept
    .map((c) => ({ c, at: receivedMs(c) }))
    .sort((a, b) => a.at - b.at || (a.c.code < b.c.code ? -1 : a.c.code > b.c.code ? 1 : 0))
    .map(({ c }) => c)
}

/** A case record with its times in the hall's zone. */
export function caseRow(c: ExportCase, offsetMinutes: number): CaseRecord {
  const r = caseRecordMs(isFacts(c) ? c : caseFactsOf(c))
  return {
    ...r,
    receivedAt: isoWithOffset(r.receivedAt, offsetMinutes),
    acceptedAt: isoOrNull(r.acceptedAt, offsetMinutes),
    dispatchedAt: isoOrNull(r.dispatchedAt, offsetMinutes),
    signedAt: isoOrNull(r.signedAt, offsetMinutes),
    closedAt: isoOrNull(r.closedAt, offsetMinutes),
    deadline: isoOrNull(r.deadline, offsetMinutes)
  }
}

export const CASES_CSV_HEADER: Record<(typeof CASE_RECORD_KEYS)[number], string> = {
  code: '案件编号',
  street: '街道',
  community: '社区',
  grid: '网格',
  unit: '处置单位',
  category: '类别',
  status: '状态',
  urgency: '紧急程度',
  receivedAt: '受理时间',
  acceptedAt: '立案时间',
  dispatchedAt: '派遣时间',
  signedAt: '签收时间',
  closedAt: '结案时间',
  deadline: '办理时限',
  onTime: '按期结案',
  reworks: '返工次数',
  extensions: '延期次数',
  escalations: '上报次数'
}

export function casesJson(incidents: readonly ExportCase[], offsetMinutes: number): CaseRecord[] {
  return incidents.map((c) => caseRow(c, offsetMinutes))
}

const TIME_KEYS: ReadonlySet<string> = new Set(CASE_RECORD_TIME_KEYS)
const IS_TIME = CASE_RECORD_KEYS.map((k) => TIME_KEYS.has(k))
const PLUS = 43

/** An instant's cell: its text needs no quoting, and defusing only for a year past 9999 ("+010000-…"). */
function timeCell(ms: number | null, offsetMinutes: number): string {
  if (ms === null) return ''
  const text = isoWithOffset(ms, offsetMinutes)
  return text.charCodeAt(0) === PLUS ? cell(text) : text
}

/** One case's CSV line: caseRow's values in CASE_RECORD_KEYS order, joined into one flat string. */
function csvLine(r: CaseRecordMs, offsetMinutes: number, cells: string[]): string {
  for (let i = 0; i < CASE_RECORD_KEYS.length; i++) {
    const value = r[CASE_RECORD_KEYS[i] ?? 'code']
    cells[i] = IS_TIME[i] ? timeCell(value as number | null, offsetMinutes) : cell(value)
  }
  return cells.join(',')
}

/** Lines joined per block: a block is one flat string, so no line lives on as a tree of small strings until the end. */
const BLOCK = 1000

/** The same bytes as toCsv over caseRow's values (a test holds them equal), without a row array per case. */
export function casesCsv(incidents: readonly ExportCase[], offsetMinutes: number): string {
  const blocks = [BOM + CASE_RECORD_KEYS.map((k) => cell(CASES_CSV_HEADER[k])).join(',')]
  const cells = new Array<string>(CASE_RECORD_KEYS.length).fill('')
  let block: string[] = []
  for (const c of incidents) {
    block.push(csvLine(caseRecordMs(isFacts(c) ? c : caseFactsOf(c)), offsetMinutes, cells))
    if (block.length === BLOCK) {
      blocks.push(block.join('\r\n'))
      block = []
    }
  }
  if (block.length > 0) blocks.push(block.join('\r\n'))
  return blocks.join('\r\n') + '\r\n'
}

export type Open311Request = {
  service_request_id: string
  status: 'open' | 'closed'
  status_notes: string | null
  service_name: string
  service_code: string
  description: string
  agency_responsible: string | null
  requested_datetime: string
  updated_datetime: string
  expected_datetime: string | null
  address: string
  lat: number
  long: number
}

/** Open311 has two states: a case is closed once it left the loop (结案, 不予立案, 合并). */
const OPEN311_CLOSED = new Set<Incident['status']>(['closed', 'rejected', 'merged'])

/** GeoReport v2 service requests (GET requests.json), WGS-84 as the cache stores locations. */
export function open311Requests(
  incidents: readonly Incident[],
  data: { reference: ReferenceData | null; unitName: (id: string) => string | undefined },
  offsetMinutes: number
): Open311Request[] {
  const categories = new Map(data.reference?.categories.map((c) => [c.code, c.name]) ?? [])
  return incidents.map((c) => {
    const last = c.timeline[c.timeline.length - 1]
    return {
      service_request_id: c.code,
      status: OPEN311_CLOSED.has(c.status) ? 'closed' : 'open',
      status_notes: last?.note ? last.note : c.status,
      service_name: categories.get(c.categoryCode) ?? c.categoryCode,
      service_code: c.categoryCode,
      description: c.description ? `${c.title}\n${c.description}` : c.title,
      agency_responsible: c.assignees.map((id) => data.unitName(id) ?? id).join('、') || null,
      requested_datetime: isoWithOffset(c.reportedAt, offsetMinutes),
      updated_datetime: isoWithOffset(c.updatedAt, offsetMinutes),
      expected_datetime: isoOrNull(c.deadlineAt, offsetMinutes),
      address: c.address,
      lat: c.location.lat,
      long: c.location.lng
    }
  })
}

export type Open311Service = {
  service_code: string
  service_name: string
  description: string
  metadata: false
  type: 'realtime'
  keywords: string
  group: string
}

/** GeoReport v2 services list (GET services.json): one service per category of the reference. */
export function open311Services(reference: ReferenceData | null): Open311Service[] {
  return (reference?.categories ?? []).map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.nameEn,
    metadata: false,
    type: 'realtime',
    keywords: c.kind === 'part' ? '部件' : '事件',
    group: c.major
  }))
}
