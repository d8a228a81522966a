// The running console's getFigures / listFigureCases over its own cache: the same figures as the CLI
// (one code path), the wall's 按期结案率 equal to the view's, and drill-down to the cases behind a count.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConsole, type ConsoleCore } from '../../../../src-main/core'
import { runReport } from '../../../../src-main/core/report/report-cli'
import { consoleApiMethods } from '../../../../src-shared/api'
import { computeKeyFigures, todayQuery } from '../../../../src-renderer/wall/key-figures'
import { NOW } from '../../../shared/domain/metrics-timeline'
import { makeTempDir } from '../temp-dir'
import { writeWeekCache } from './cache-fixture'

const tmp = makeTempDir('gcc-figures-')
const data = join(tmp.dir, 'data')
let core: ConsoleCore

beforeAll(async () => {
  mkdirSync(data)
  await writeWeekCache(data)
  // No hub (port 9 refuses); the clock is Monday 18:00 so S is overdue.
  core = await openConsole({ dataDir: data, hubUrl: 'http://127.0.0.1:9', token: 't', now: () => NOW })
})
afterAll(async () => {
  await core.close()
  tmp.remove()
})

describe('getFigures', () => {
  it('is open to the wall; the drill-down is not', () => {
    expect(consoleApiMethods.getFigures.viewer).toBe(true)
    expect(consoleApiMethods.listFigureCases.viewer).toBe(false)
  })

  it('gives the CLI’s figures for the same period', async () => {
    const q = { from: '2026-11-25T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', by: 'unit' as const }
    const table = await core.api.getFigures(q)
    const cli = JSON.parse((await runReport(['--data', data, '--from', '2026-11-26', '--to', '2026-11-30', '--by', 'unit', '--format', 'json', '--now', new Date(NOW).toISOString()])).text)
    expect(table.rows).toEqual(cli.rows)
    expect(table.total).toEqual(cli.total)
    expect(table.rowsOverlap).toBe(true)
  })

  it('the wall and the view show the same 按期结案率 for today', async () => {
    const today = await core.api.getFigures(todayQuery(NOW, 480))
    // Monday judged at NOW 18:00. 应结案 = closed today (P 09:30, Q 12:00) + deadlines in [00:00, 18:00)
    // not closed before today (S 09:00, open) = 3; L's 20:00 deadline is not reached yet, so not due
    // (the old rule counted it: 1 / 4 = 25%). On time: P only (Q closed 12:00 > 11:30) → 1 / 3 = 33.33%.
    expect(today.total.rates.onTime).toBe(33.33)
    const wall = computeKeyFigures([], NOW, today.total)
    expect(wall.onTimeRate).toBeCloseTo(today.total.rates.onTime! / 100, 10)
    expect(wall).toMatchObject({ acceptedToday: 0, closedToday: 2 })
  })

  it('drills from a unit’s overdue count to its case', async () => {
    const q = { from: '2026-11-25T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', by: 'unit' as const }
    const cases = await core.api.listFigureCases(q, { key: 'u2', figure: 'overdueNow' })
    expect(cases.map((c) => c.code)).toEqual(['2026110000S'])
    const all = await core.api.listFigureCases(q, { key: 'total', figure: 'received' })
    expect(all.map((c) => c.code).sort()).toEqual(['2026110000P', '2026110000Q', '2026110000R', '2026110000S', '2026110000V'])
  })

  it('exports the same CSV as the CLI, one row per case received', async () => {
    const q = { from: '2026-11-25T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', by: 'street' as const }
    const csv = await core.api.exportCasesCsv(q)
    const cli = (await runReport(['--data', data, '--from', '2026-11-26', '--to', '2026-11-30', '--cases'])).text
    expect(csv).toBe(cli)
    expect(csv.startsWith('\uFEFF案件编号,')).toBe(true)
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 5)
    expect(consoleApiMethods.exportCasesCsv.viewer).toBe(false)
  })
})
