// Where the console's figures/CSV time goes, phase by phase, on N cached cases (not part of `npm run bench`).
// `node --cpu-prof --import tsx bench/metrics/profile-split.ts 100000`
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { openCache } from '../../src-main/core/open-cache'
import { CACHE_FILE_NAME, CacheReader } from '../../src-main/core/report/cache-reader'
import { casesCsv, casesReceivedIn } from '../../src-main/core/report/case-exports'
import { buildFigures } from '../../src-main/core/report/figures-report'
import { SqliteDb } from '../../src-sqlite/sqlite-db'
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
  await t(`write ${N} cases through the store`, async () => {
    for (let s = 0; s < N; s += 5000) {
      const changes: Change[] = []
      for (let i = s; i < Math.min(N, s + 5000); i++) {
        const data = makeCase(i)
        changes.push({ entity: 'incident', id: data.id, version: data.version, seq: data.seq, data })
      }
      await store.applyBatch({ changes, coverage: { from: s, to: Math.min(N, s + 5000) } })
    }
  })
  await store.close()
  const db = await SqliteDb.open(join(dir, CACHE_FILE_NAME), 'readonly')
  const where = 'FROM case_facts WHERE reported_ms < ? AND (settled = 0 OR updated_ms >= ?)'
  const args = [PERIOD.to.getTime(), PERIOD.from.getTime()]
  await t('SELECT facts, a row each (sqlite + driver rows)', () => db.exclusive((c) => c.all(`SELECT facts ${where} ORDER BY reported_ms, id`, args)))
  const one = await t('SELECT facts as one JSON array text (sqlite group_concat)', () =>
    db.exclusive((c) => c.get(`SELECT '[' || group_concat(facts, ',') || ']' AS f FROM (SELECT facts ${where} ORDER BY reported_ms, id)`, args))
  )
  const parsed = await t('JSON.parse of that text', () => JSON.parse(String(one?.f)) as unknown[])
  await db.close()
  const reader = await CacheReader.open(dir)
  const { incidents } = await t('reader.caseFactsFor (select + parse + checks)', () => reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime()))
  const units = await reader.units()
  const reference = await reader.reference()
  await t('buildFigures by street (domain)', () => buildFigures({ incidents, units, reference }, PERIOD, 'street', NOW))
  const recs = await t('casesReceivedIn', () => casesReceivedIn(incidents, PERIOD.from.getTime(), PERIOD.to.getTime()))
  await t('casesCsv (records + format)', () => casesCsv(recs, 480))
  await reader.close()
  process.stdout.write(`${parsed.length} rows\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
