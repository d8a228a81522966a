// Shift+R: 日报 — the day's report, today first; ←/→ move a day, t back to today, p prints (system
// dialog), s saves a PDF (a file the user picks). The figures are the domain's figures table through
// ConsoleApi getFigures, the overdue list the cases behind the day's overdue figure (listFigureCases),
// put together by src-shared/domain/daily-report.ts — the CLI's html 日报 uses the same builder.
import './print.css'
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { dailyReport, type DailyReport } from '../../src-shared/domain'
import { useConsoleContext } from '../console/console-context'
import { Modal } from '../console/panels/Modal'
import { centreOffsetMinutes } from '../console/format'
import { getLocale, t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { useConsole } from '../state/console-store'
import { hubNow } from '../state/selectors'
import { dailyQueries } from './daily-report-query'
import { DailyReportSheet, type SheetNames } from './DailyReportSheet'
import { printReportVia } from './print-path'

export function DailyReportView() {
  const { api } = useConsoleContext()
  const offset = useConsole((s) => s.reference?.calendar.utcOffsetMinutes) ?? centreOffsetMinutes()
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const reference = useConsole((s) => s.reference)
  const units = useConsole((s) => s.units)
  const [shift, setShift] = useState(0)
  const [nowMs] = useState(() => hubNow(skew))
  const queries = useMemo(() => dailyQueries(shift, nowMs, offset), [shift, nowMs, offset])
  const [report, setReport] = useState<DailyReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    setReport(null)
    setError(null)
    Promise.all([
      api.getFigures(queries.byStreet),
      api.getFigures(queries.byUnit),
      api.getFigures(queries.byCategory),
      api.listFigureCases(queries.byStreet, { key: 'total', figure: 'overdueNow' })
    ]).then(
      ([byStreet, byUnit, byCategory, overdue]) => live && setReport(dailyReport({ byStreet, byUnit, byCategory }, overdue, nowMs)),
      (err: unknown) => live && setError(t('daily.failed', { detail: err instanceof Error ? err.message : String(err) }))
    )
    return () => {
      live = false
    }
  }, [api, queries, nowMs])

  const names = useMemo<SheetNames>(() => {
    const en = getLocale() === 'en-US'
    const categories = new Map((reference?.categories ?? []).map((c) => [c.code, en ? c.nameEn : c.name]))
    const streets = new Map((reference?.streets ?? []).map((s) => [s.code, s.name]))
    return {
      category: (code) => categories.get(code) ?? code,
      street: (code) => streets.get(code) ?? code,
      unit: (id) => units.get(id)?.name ?? id
    }
  }, [reference, units])

  const print = (action: 'pdf' | 'print'): void => {
    setNotice(null)
    void printReportVia(api, { kind: 'daily', action, day: queries.day }).then((outcome) => {
      if (outcome.status === 'saved') setNotice(t('daily.saved', { path: outcome.path }))
      else if (outcome.status === 'failed') setError(t('daily.printFailed', { detail: outcome.message }))
    })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.ctrlKey || event.altKey || event.metaKey) return
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    if (key === 'ArrowLeft') setShift((s) => s - 1)
    // Not past today: tomorrow has no figures yet.
    else if (key === 'ArrowRight') setShift((s) => Math.min(0, s + 1))
    else if (key === 't') setShift(0)
    else if (key === 'p') print('print')
    else if (key === 's') print('pdf')
    else return
    event.preventDefault()
  }

  const sheet = report ? <DailyReportSheet report={report} day={queries.day} nowMs={nowMs} offsetMinutes={offset} names={names} /> : null
  return (
    <>
      <Modal title={t('daily.title', { day: queries.day })} hint={t('daily.hint')} error={error} wide focusSelf onKeyDown={onKeyDown}>
        <div className="daily-report daily-report--screen" data-testid="daily-report" data-day={queries.day}>
          {sheet ?? (error ? null : <p>{t('daily.loading')}</p>)}
        </div>
        {notice ? <p className="modal__body" role="status">{notice}</p> : null}
      </Modal>
      {/* The printed page: hidden on screen, the only thing on paper (print.css). */}
      {sheet ? createPortal(<section className="daily-report-print daily-report">{sheet}</section>, document.body) : null}
    </>
  )
}
