// q: 统计 — the domain's figures (getFigures) by dimension and period, sortable, with the units'
// ranking by 按期结案率. Enter on a count lists the cases behind it (listFigureCases); Enter on a case
// selects it and centres the map on it, as the queue and the find panel do. Keyboard only.
import './metrics.css'
import { lazy, Suspense, useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../src-shared/api'
import type { FigureCharts, FiguresTable } from '../../src-shared/domain'
import { useConsoleContext } from '../console/console-context'
import { Modal } from '../console/panels/Modal'
import { closePanel, openPanel } from '../console/ui-store'
import { getLocale, t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { requestCenter } from '../map/map-bus'
import { upsertLocalIncident, useConsole } from '../state/console-store'
import { COLUMNS, DIMENSIONS, PERIOD_KINDS, figuresQuery, formatCell, sortRows, unitRanking, type Sort } from './metrics-model'

// ECharts is most of a megabyte the first screen never uses: loaded when the charts first show (issue 13).
const MetricsCharts = lazy(() => import('./MetricsCharts').then((m) => ({ default: m.MetricsCharts })))

const DEFAULT_OFFSET = 480
type Drill = { title: string; cases: IncidentSummary[] | null }

export function MetricsPanel() {
  const { api } = useConsoleContext()
  const offset = useConsole((s) => s.reference?.calendar.utcOffsetMinutes ?? DEFAULT_OFFSET)
  const skew = useConsole((s) => s.status?.clockSkewMs ?? 0)
  const select = useConsole((s) => s.select)
  const [dim, setDim] = useState(0)
  const [period, setPeriod] = useState(1)
  const [table, setTable] = useState<FiguresTable | null>(null)
  const [charts, setCharts] = useState<FigureCharts | null>(null)
  const categories = useConsole((s) => s.reference?.categories)
  const [error, setError] = useState<string | null>(null)
  const [row, setRow] = useState(0)
  const [col, setCol] = useState(0)
  const [sort, setSort] = useState<Sort>(null)
  const [drill, setDrill] = useState<Drill | null>(null)
  const [pick, setPick] = useState(0)
  const by = DIMENSIONS[dim] ?? 'street'
  const periodKind = PERIOD_KINDS[period] ?? 'today'
  const [query, setQuery] = useState(() => figuresQuery(periodKind, by, Date.now() + skew, offset))

  useEffect(() => setQuery(figuresQuery(periodKind, by, Date.now() + skew, offset)), [periodKind, by, skew, offset])
  useEffect(() => {
    let live = true
    setTable(null)
    setError(null)
    api.getFigures(query).then(
      (answer) => live && setTable(answer),
      (err: unknown) => live && setError(t('metrics.failed', { detail: (err as Error).message }))
    )
    return () => {
      live = false
    }
  }, [api, query])
  // The charts do not depend on the dimension: asked again only when the period moves.
  const chartQuery = useMemo(() => ({ from: query.from, to: query.to, by: 'category' as const }), [query.from, query.to])
  useEffect(() => {
    let live = true
    setCharts(null)
    api.getFigureCharts(chartQuery).then(
      (answer) => live && setCharts(answer),
      (err: unknown) => live && setError(t('metrics.failed', { detail: (err as Error).message }))
    )
    return () => {
      live = false
    }
  }, [api, chartQuery])
  const categoryName = (code: string): string => {
    const c = categories?.find((x) => x.code === code)
    return c ? (getLocale() === 'en-US' ? c.nameEn : c.name) : code
  }

  const rows = table ? [...sortRows(table.rows, sort), table.total] : []
  const ranking = table && by === 'unit' ? unitRanking(table.rows) : null

  const openDrill = (): void => {
    const r = rows[row]
    const c = COLUMNS[col]
    if (!r || !c) return
    if (!c.drill) return setError(t('metrics.noDrill'))
    const figure = c.drill
    setError(null)
    setPick(0)
    setDrill({ title: t('metrics.drillTitle', { row: r.key === 'total' ? t('metrics.total') : r.name, figure: t(c.label), count: String(c.value(r)) }), cases: null })
    api.listFigureCases(query, { key: r.key, figure }).then(
      (cases) => setDrill((d) => (d ? { ...d, cases } : d)),
      (err: unknown) => setError(t('metrics.failed', { detail: (err as Error).message }))
    )
  }

  // x: the period's cases as CSV (docs/exports.md). In the browser a download; the Electron shell's
  // save dialog is not wired yet, so there too the page's download path is used.
  const exportCsv = (): void => {
    api.exportCasesCsv(query).then(
      (csv) => {
        const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
        const a = document.createElement('a')
        a.href = url
        a.download = `cases-${query.from.slice(0, 10)}-${by}.csv`
        a.click()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
      },
      (err: unknown) => setError(t('metrics.failed', { detail: (err as Error).message }))
    )
  }

  const openCase = (found: IncidentSummary): void => {
    if (!useConsole.getState().incidents.has(found.id)) upsertLocalIncident(found)
    select(found.id)
    requestCenter({ location: found.location, incidentId: found.id })
    closePanel()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    const key = event.key
    if (drill) {
      const n = drill.cases?.length ?? 0
      if (key === 'j' || key === 'ArrowDown') setPick((p) => Math.min(n - 1, p + 1))
      else if (key === 'k' || key === 'ArrowUp') setPick((p) => Math.max(0, p - 1))
      else if (key === 'Backspace') setDrill(null)
      else if (key === 'Enter') {
        const found = drill.cases?.[pick]
        if (found) openCase(found)
      } else return
      event.preventDefault()
      return
    }
    // One digit per dimension, in DIMENSIONS' order (7 = grid type).
    if (/^[1-9]$/.test(key) && Number(key) <= DIMENSIONS.length) {
      setDim(Number(key) - 1)
      setRow(0)
      setSort(null)
    } else if (key === 'p') setPeriod((p) => (p + 1) % PERIOD_KINDS.length)
    else if (key === 'j' || key === 'ArrowDown') setRow((r) => Math.min(rows.length - 1, r + 1))
    else if (key === 'k' || key === 'ArrowUp') setRow((r) => Math.max(0, r - 1))
    else if (key === 'l' || key === 'ArrowRight') setCol((c) => Math.min(COLUMNS.length - 1, c + 1))
    else if (key === 'h' || key === 'ArrowLeft') setCol((c) => Math.max(0, c - 1))
    else if (key === 's') setSort((s) => (s && s.column === col ? (s.desc ? { column: col, desc: false } : null) : { column: col, desc: true }))
    else if (key === 'Enter') openDrill()
    else if (key === 'x') exportCsv()
    // Shift+R: the printable 日报 from here too (the global key waits while a panel is open).
    else if (key === 'R' && event.shiftKey) openPanel({ kind: 'dailyReport' })
    else return
    event.preventDefault()
  }

  return (
    <Modal title={t('metrics.title')} hint={t(drill ? 'metrics.drillHint' : 'metrics.hint')} error={error} wide focusSelf onKeyDown={onKeyDown}>
      <div className="metrics" data-testid="metrics-view">
        <div className="metrics__bar">
          {DIMENSIONS.map((d, i) => (
            <span key={d} className={i === dim ? 'metrics__tab metrics__tab--on' : 'metrics__tab'}>
              <kbd>{i + 1}</kbd> {t(`metrics.dim.${d}` as const)}
            </span>
          ))}
          <span className="metrics__period" data-testid="metrics-period">
            <kbd>p</kbd> {t(`metrics.period.${periodKind}` as const)}
          </span>
        </div>
        {drill ? (
          <div className="metrics__drill" data-testid="metrics-drill">
            <h3>{drill.title}</h3>
            {drill.cases === null ? (
              <p>{t('metrics.loading')}</p>
            ) : (
              <ul>
                {drill.cases.map((c, i) => (
                  <li key={c.id} className={i === pick ? 'metrics__case metrics__case--on' : 'metrics__case'} data-testid="metrics-case">
                    <code>{c.code}</code> {c.title} <span className="metrics__muted">{c.address}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : table === null ? (
          <p>{t('metrics.loading')}</p>
        ) : (
          <>
            <div className="metrics__scroll">
              <table className="metrics__table" data-testid="metrics-table">
                <thead>
                  <tr>
                    <th>{t('metrics.col.name')}</th>
                    {COLUMNS.map((c, i) => (
                      <th key={c.id} className={i === col ? 'metrics__col--on' : undefined} aria-sort={sort?.column === i ? (sort.desc ? 'descending' : 'ascending') : undefined}>
                        {t(c.label)}
                        {sort?.column === i ? (sort.desc ? ' ▼' : ' ▲') : ''}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={r.key} data-key={r.key} className={`${i === row ? 'metrics__row--on' : ''}${r.key === 'total' ? ' metrics__total' : ''}`}>
                      <td>{r.key === 'total' ? t('metrics.total') : r.name}</td>
                      {COLUMNS.map((c, j) => (
                        <td key={c.id} className={i === row && j === col ? 'metrics__cell--on' : undefined} data-col={c.id}>
                          {formatCell(c, c.value(r))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {charts ? (
              <Suspense fallback={null}>
                <MetricsCharts charts={charts} offsetMinutes={offset} categoryName={categoryName} />
              </Suspense>
            ) : null}
            {table.rowsOverlap ? <p className="metrics__muted">{t('metrics.overlap')}</p> : null}
            {ranking ? (
              <div className="metrics__ranking" data-testid="metrics-ranking">
                <div>
                  <h3>{t('metrics.best')}</h3>
                  <ol>{ranking.best.map((r) => <li key={r.key}>{r.name} {r.rates.onTime?.toFixed(2)}%</li>)}</ol>
                </div>
                <div>
                  <h3>{t('metrics.worst')}</h3>
                  <ol>{ranking.worst.map((r) => <li key={r.key}>{r.name} {r.rates.onTime?.toFixed(2)}%</li>)}</ol>
                </div>
              </div>
            ) : null}
          </>
        )}
      </div>
    </Modal>
  )
}
