// A real console cache file holding the hand-computed week (tests/shared/domain/metrics-timeline.ts),
// with streets, communities, categories and units named, for the report and export tests.
import { join } from 'node:path'
import { openCache } from '../../../../src-main/core/open-cache'
import { CACHE_FILE_NAME } from '../../../../src-main/core/report/cache-reader'
import type { AreaGeometry, Change, Incident, ReferenceData } from '../../../../src-shared/protocol'
import { makeIncident, makeUnit } from '../../../fixtures/entities'
import { makeReference } from '../../../renderer/fixtures'
import { WEEK, type TimelineCase } from '../../../shared/domain/metrics-timeline'

export function weekIncident(c: TimelineCase, seq: number): Incident {
  const last = c.timeline[c.timeline.length - 1]
  return makeIncident({
    ...c,
    version: c.timeline.length,
    seq,
    title: `测试案件${c.id}`,
    address: `东四北大街 ${seq} 号`,
    updatedAt: last?.at ?? c.reportedAt
  })
}

export const SQUARE: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [116.41, 39.93],
      [116.42, 39.93],
      [116.42, 39.94],
      [116.41, 39.93]
    ]
  ]
}

export const REFERENCE = makeReference({
  streets: [
    { code: '110101006', name: '东四街道', polygon: SQUARE },
    { code: '110101007', name: '朝阳门街道', polygon: SQUARE }
  ],
  communities: [
    ['110101006001', '110101006', '东四社区'],
    ['110101006002', '110101006', '豆瓣社区'],
    ['110101007001', '110101007', '朝西社区']
  ].map(([code, streetCode, name]) => ({ code: code ?? '', streetCode: streetCode ?? '', name: name ?? '', synthetic: true, polygon: SQUARE })),
  categories: [
    { code: '0102', major: '01', kind: 'event', name: '暴露垃圾', nameEn: 'Exposed rubbish', limit: { value: 4, unit: 'working_hours' }, defaultUrgency: 'normal' },
    { code: '0601', major: '06', kind: 'event', name: '道路破损', nameEn: 'Damaged road', limit: { value: 3, unit: 'working_days' }, defaultUrgency: 'normal' }
  ]
})

/** Writes the week into DIR/console-cache.sqlite (through the console's own store) and closes it. */
export async function writeWeekCache(
  dir: string,
  incidents: readonly Incident[] = WEEK.map((c, i) => weekIncident(c, i + 1)),
  reference: ReferenceData = REFERENCE
): Promise<void> {
  const { store } = await openCache(join(dir, CACHE_FILE_NAME))
  await store.setReference(reference)
  const units = ['u1', 'u2', 'd1'].map((id, i) => makeUnit({ id, seq: 1000 + i, name: { u1: '东四网格员', u2: '环卫所', d1: '区城管委' }[id] ?? id }))
  const changes: Change[] = [
    ...incidents.map((data) => ({ entity: 'incident' as const, id: data.id, version: data.version, seq: data.seq, data })),
    ...units.map((data) => ({ entity: 'unit' as const, id: data.id, version: data.version, seq: data.seq, data }))
  ]
  await store.applyBatch({ changes, coverage: { from: 0, to: 1002 } })
  await store.close()
}
