// `npm run report -- --by gridType` (issue 14 item 1) on a real cache whose reference types the week's
// grids: rows by grid type with their zh-CN names, equal to the domain's table over the same cases.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { figuresTable, gridTypeLookup, periodOfDays } from '../../../../src-shared/domain'
import type { GridFeature } from '../../../../src-shared/protocol'
import { runReport } from '../../../../src-main/core/report/report-cli'
import { NOW, WEEK, X, Y, Z } from '../../../shared/domain/metrics-timeline'
import { makeTempDir } from '../temp-dir'
import { REFERENCE, SQUARE, weekIncident, writeWeekCache } from './cache-fixture'

const tmp = makeTempDir('gcc-report-gridtype-')
const data = join(tmp.dir, 'data')
const RANGE = ['--from', '2026-11-26', '--to', '2026-11-30', '--now', new Date(NOW).toISOString()]
const grid = (code: string, gridType: GridFeature['properties']['gridType']): GridFeature => ({
  type: 'Feature',
  properties: { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null, gridType },
  geometry: SQUARE
})
// Z has no type: its cases fall in the untyped row.
const reference = { ...REFERENCE, grids: { type: 'FeatureCollection' as const, features: [grid(X, 'urban_village'), grid(Y, 'business'), { ...grid(Z, undefined) }] } }

beforeAll(async () => {
  mkdirSync(data)
  await writeWeekCache(data, WEEK.map((c, i) => weekIncident(c, i + 1)), reference)
})
afterAll(() => tmp.remove())

describe('report --by gridType', () => {
  it('json rows by grid type with names, the domain’s figures', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--by', 'gridType', '--format', 'json'])
    const json = JSON.parse(text)
    expect(json.by).toBe('gridType')
    expect(json.rows.map((r: { key: string; name: string }) => [r.key, r.name])).toEqual([
      ['business', '商务楼宇'],
      ['untyped', '未设类型'],
      ['urban_village', '城中村']
    ])
    const expected = figuresTable(WEEK, periodOfDays('2026-11-26', '2026-11-30', 480), 'gridType', {
      nowMs: NOW,
      offsetMinutes: 480,
      gridTypeOf: gridTypeLookup(reference)
    })
    expect(json.rows.map((r: { counts: unknown }) => r.counts)).toEqual(expected.rows.map((r) => r.counts))
    expect(json.total.counts).toEqual(expected.total.counts)
  })

  it('csv: a row per grid type plus the total', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--by', 'gridType', '--format', 'csv'])
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines.map((l) => l.split(',')[1])).toEqual(['名称', '商务楼宇', '未设类型', '城中村', '合计'])
  })
})
