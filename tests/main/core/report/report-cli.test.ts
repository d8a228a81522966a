// The command-line report on a real cache file: the JSON/CSV/Open311/HTML shapes of docs/exports.md,
// figures equal to the domain's, and bad input refused with a clear message and no file written.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_RECORD_KEYS, figuresTable, periodOfDays } from '../../../../src-shared/domain'
import { runReport } from '../../../../src-main/core/report/report-cli'
import { NOW, WEEK } from '../../../shared/domain/metrics-timeline'
import { makeTempDir } from '../temp-dir'
import { writeWeekCache } from './cache-fixture'

const run = promisify(execFile)
const tmp = makeTempDir('gcc-report-')
const data = join(tmp.dir, 'data')
const RANGE = ['--from', '2026-11-26', '--to', '2026-11-30', '--now', new Date(NOW).toISOString()]

beforeAll(async () => {
  mkdirSync(data)
  await writeWeekCache(data)
})
afterAll(() => tmp.remove())

describe('figures', () => {
  it('json: { period, by, rows, total } with the domain’s figures', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--format', 'json'])
    const json = JSON.parse(text)
    expect(Object.keys(json)).toEqual(['period', 'by', 'rows', 'total'])
    expect(json.period).toEqual({ from: '2026-11-26T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' })
    expect(json.by).toBe('street')
    expect(json.rows.map((r: { key: string; name: string }) => [r.key, r.name])).toEqual([
      ['110101006', '东四街道'],
      ['110101007', '朝阳门街道']
    ])
    const expected = figuresTable(WEEK, periodOfDays('2026-11-26', '2026-11-30', 480), 'street', { nowMs: NOW, offsetMinutes: 480 })
    expect(json.total.counts).toEqual(expected.total.counts)
    // By hand (counts in metrics-table.test.ts), judged at NOW = Mon 18:00: 应结案 4 = P Q R closed + S's
    // 09:00 deadline; L's 20:00 deadline is after NOW (the old rule made it 5: closure 60, onTime 40).
    // acceptance 5/5, dispatch 3/5, closure 3/4, onTime 2/4 (P R), rework 1/4 (Q), extension 1/4 (Q),
    // settled without escalation 2/3 (P Q; R went to the district).
    expect(json.total.rates).toEqual({ acceptance: 100, dispatch: 60, closure: 75, onTime: 50, rework: 25, extension: 25, settledWithoutEscalation: 66.67 })
  })

  it('csv by unit: BOM, zh-CN header, a row per unit plus the total', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--by', 'unit', '--format', 'csv'])
    expect(text.startsWith('\uFEFF键,名称,受理数,立案数')).toBe(true)
    const lines = text.trimEnd().split('\r\n')
    expect(lines.map((l) => l.split(',')[1])).toEqual(['名称', '区城管委', '东四网格员', '环卫所', '合计'])
  })

  it('table says that by unit a case counts for each of its units', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--by', 'unit'])
    expect(text).toContain('计入每个单位')
    expect(text).toContain('按期结案率')
  })

  it('html: the printable daily report with the overdue case', async () => {
    const out = join(tmp.dir, 'daily.html')
    await runReport(['--data', data, ...RANGE, '--format', 'html', '--out', out])
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('size: A4 portrait')
    expect(html).toContain('超期案件（1 件）')
    expect(html).toContain('2026110000S')
  })
})

describe('cases', () => {
  it('csv: BOM, zh-CN header, one row per case received in the period', async () => {
    const out = join(tmp.dir, 'cases.csv')
    await runReport(['--data', data, ...RANGE, '--cases', '--out', out])
    const bytes = readFileSync(out)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe('案件编号,街道,社区,网格,处置单位,类别,状态,紧急程度,受理时间,立案时间,派遣时间,签收时间,结案时间,办理时限,按期结案,返工次数,延期次数,上报次数')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2026110000Q', '2026110000R', '2026110000P', '2026110000S', '2026110000V'])
    expect(lines.find((l) => l.startsWith('2026110000Q'))).toContain(',否,1,1,0')
  })

  it('json rows have exactly the stable keys, times with the hall’s offset', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--cases', '--format', 'json'])
    const rows = JSON.parse(text)
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(Object.keys(row)).toEqual([...CASE_RECORD_KEYS])
    expect(rows[0]).toMatchObject({ code: '2026110000Q', receivedAt: '2026-11-26T09:00:00+08:00', closedAt: '2026-11-30T12:00:00+08:00', onTime: false })
  })

  it('open311: GeoReport v2 requests and services', async () => {
    const { text } = await runReport(['--data', data, ...RANGE, '--cases', '--format', 'open311'])
    const requests = JSON.parse(text)
    expect(requests).toHaveLength(5)
    const s = requests.find((r: { service_request_id: string }) => r.service_request_id === '2026110000S')
    expect(s).toMatchObject({
      status: 'open',
      service_code: '0601',
      service_name: '道路破损',
      requested_datetime: '2026-11-28T10:00:00+08:00',
      expected_datetime: '2026-11-30T09:00:00+08:00',
      agency_responsible: '东四网格员、环卫所',
      lat: 39.93,
      long: 116.417
    })
    expect(requests.find((r: { service_request_id: string }) => r.service_request_id === '2026110000P').status).toBe('closed')
    const services = JSON.parse((await runReport(['--data', data, '--services'])).text)
    expect(services.map((x: { service_code: string }) => x.service_code)).toEqual(['0102', '0601'])
  })
})

describe('bad input: a clear error, and no file', () => {
  const out = (): string => join(tmp.dir, 'bad-out.csv')
  const refuses = async (args: string[], message: RegExp): Promise<void> => {
    await expect(runReport([...args, '--out', out()])).rejects.toThrow(message)
    expect(existsSync(out())).toBe(false)
  }

  it('an unknown --by', () => refuses(['--data', data, '--by', 'district'], /--by must be one of street, community, grid, unit, category, shift/))
  it('--to before --from', () => refuses(['--data', data, '--from', '2026-11-30', '--to', '2026-11-26'], /--to 2026-11-26 is before --from 2026-11-30/))
  it('a day that is not YYYY-MM-DD', () => refuses(['--data', data, '--from', '26/11/2026'], /YYYY-MM-DD/))
  it('an unknown flag', () => refuses(['--data', data, '--bogus'], /Unknown option '--bogus'/))
  it('a folder with no console cache', () => refuses(['--data', tmp.dir], /not a console's data folder: there is no console-cache\.sqlite/))
  it('a folder whose cache file is not a database', async () => {
    const junk = join(tmp.dir, 'junk')
    mkdirSync(junk)
    writeFileSync(join(junk, 'console-cache.sqlite'), 'this is not sqlite '.repeat(100))
    await refuses(['--data', junk], /console-cache\.sqlite is not a console cache/)
  })

  it('an output path that cannot be written leaves nothing behind', async () => {
    // (Tests may run as root, which ignores permission bits: use paths no one can write instead.)
    const folder = join(tmp.dir, 'out-folder')
    mkdirSync(join(folder, 'cases.csv'), { recursive: true })
    await expect(runReport(['--data', data, ...RANGE, '--cases', '--out', join(folder, 'cases.csv')])).rejects.toThrow(/cannot write .*cases\.csv: EISDIR/)
    await expect(runReport(['--data', data, ...RANGE, '--cases', '--out', join(tmp.dir, 'no-such-dir', 'x.csv')])).rejects.toThrow(/cannot write .*ENOENT/)
    writeFileSync(join(folder, 'plain'), '')
    await expect(runReport(['--data', data, ...RANGE, '--cases', '--out', join(folder, 'plain', 'x.csv')])).rejects.toThrow(/cannot write .*ENOTDIR/)
    expect(readdirSync(folder).sort()).toEqual(['cases.csv', 'plain'])
    expect(readdirSync(join(folder, 'cases.csv'))).toEqual([])
  })

  it('an existing file is replaced whole, never half-written', async () => {
    const target = join(tmp.dir, 'keep.csv')
    writeFileSync(target, 'old')
    await expect(runReport(['--data', data, '--by', 'nope', '--out', target])).rejects.toThrow()
    expect(readFileSync(target, 'utf8')).toBe('old')
  })

  it('npm run report exits 2 with the message on stderr', async () => {
    const err = await run('npx', ['tsx', 'scripts/report.ts', '--data', data, '--by', 'district'], { cwd: process.cwd() }).then(
      () => null,
      (e: { code: number; stderr: string }) => e
    )
    expect(err?.code).toBe(2)
    expect(err?.stderr).toMatch(/report: .*--by must be one of/s)
  }, 30_000)
})
