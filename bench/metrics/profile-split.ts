// Where the console's figures/CSV time goes, phase by phase, on N cached cases (not part of `npm run bench`).
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { openCache } from '../../src-main/core/open-cache'
import { CACHE_FILE_NAME, CacheReader } from '../../src-main/core/report/cache-reader'
import { casesCsv, casesReceivedIn } from '../../src-main/core/report/case-exports'
import { buildFigures } from '../../src-main/core/report/figures-report'
import { SqliteDb } from '../../src-main/core/sqlite'
import { periodOfDays } from '../../src-shared/domain'
import type { Change } from '../../src-shared/protocol'
import { makeCase, setCaseCount } from './metrics-bench'

const N = Number(process.argv[2] ?? 20_000)
setCaseCount(N)
const PERIOD = periodOfDays('2026-11-01', '2026-11-30', 480)
const NOW = Date.parse('2026-11-30T10:00:00Z')
const dir = mkdtempSync(join(tmpdir(), 'gcc-prof-'))
const t = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now()
  const v = await fn()
  process.stdout.write(`${label}: ${(performance.now() - t0).toFixed(0)} ms\n`)
  return v
}
try {
  const { store } = await openCache(join(dir, CACHE_FILE_NAME))
  for (let s = 0; s < N; s += 5000) {
    const changes: Change[] = []
    for (let i = s; i < Math.min(N, s + 5000); i++) {
      const data = makeCase(i)
      changes.push({ entity: 'incident', id: data.id, version: data.version, seq: data.seq, data })
    }
    await store.applyBatch({ changes, coverage: { from: s, to: Math.min(N, s + 5000) } })
  }
  await store.close()
  const db = await SqliteDb.open(join(dir, CACHE_FILE_NAME), 'readonly')
  const rows = await t('SELECT slim (sqlite + row marshalling)', () => db.exclusive((c) => c.all('SELECT slim FROM incident_index WHERE reported_ms < ? ORDER BY reported_ms, id', [PERIOD.to.getTime()])))
  const parsed = await t('JSON.parse of the slim rows', () => rows.map((r) => JSON.parse(String(r.slim))))
  await db.close()
  const reader = await CacheReader.open(dir)
  const { incidents } = await t('reader.slimIncidentsFor (select + parse + checks)', () => reader.slimIncidentsFor(PERIOD.from.getTime(), PERIOD.to.getTime()))
  const units = await reader.units()
  const reference = await reader.reference()
  await t('buildFigures by street (domain)', () => buildFigures({ incidents, units, reference }, PERIOD, 'street', NOW))
  const recs = await t('casesReceivedIn (domain case records)', () => casesReceivedIn(incidents, PERIOD.from.getTime(), PERIOD.to.getTime()))
  await t('casesCsv (format)', () => casesCsv(recs, 480))
  await reader.close()
  process.stdout.write(`${parsed.length} rows\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
