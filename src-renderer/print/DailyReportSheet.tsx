// The 日报's page: the day's figures by street and by unit, the top categories and the overdue list.
// Rendered on screen in the report view and, the same component, as the printed A4 page.
import type { DailyReport, FigureRow } from '../../src-shared/domain'
import { formatDateTime, formatDuration, formatOffset } from '../console/format'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'

export type SheetNames = { category(code: string): string; street(code: string): string; unit(id: string): string }

const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)}%`)

const COUNT_COLUMNS: [MessageKey, (r: FigureRow) => string][] = [
  ['daily.colReceived', (r) => String(r.counts.received)],
  ['daily.colAccepted', (r) => String(r.counts.accepted)],
  ['daily.colDue', (r) => String(r.counts.dueToClose)],
  ['daily.colClosed', (r) => String(r.counts.closed)],
  ['daily.colClosedOnTime', (r) => String(r.counts.closedOnTime)],
  ['daily.colOverdueNow', (r) => String(r.counts.overdueNow)],
  ['daily.colAcceptance', (r) => pct(r.rates.acceptance)],
  ['daily.colClosure', (r) => pct(r.rates.closure)],
  ['daily.colOnTime', (r) => pct(r.rates.onTime)],
  ['daily.colRework', (r) => pct(r.rates.rework)]
]

function FiguresTable({ rows, total, testId }: { rows: readonly FigureRow[]; total: FigureRow; testId: string }) {
  return (
    <table className="daily-report__figures" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('daily.colName')}</th>
          {COUNT_COLUMNS.map(([label]) => (
            <th key={label}>{t(label)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <td>{r.name}</td>
            {COUNT_COLUMNS.map(([label, value]) => (
              <td key={label}>{value(r)}</td>
            ))}
          </tr>
        ))}
        <tr className="daily-report__total" data-key="total">
          <td>{t('daily.total')}</td>
          {COUNT_COLUMNS.map(([label, value]) => (
            <td key={label}>{value(total)}</td>
          ))}
        </tr>
      </tbody>
    </table>
  )
}

export function DailyReportSheet({
  report,
  day,
  nowMs,
  offsetMinutes,
  names
}: {
  report: DailyReport
  day: string
  nowMs: number
  offsetMinutes: number
  names: SheetNames
}) {
  return (
    <>
      <h1 className="daily-report__title">{t('daily.title', { day })}</h1>
      <p className="daily-report__meta">
        {t('daily.meta', {
          from: formatDateTime(report.period.from, offsetMinutes),
          to: formatDateTime(report.period.to, offsetMinutes),
          zone: formatOffset(offsetMinutes),
          at: formatDateTime(new Date(nowMs).toISOString(), offsetMinutes)
        })}
      </p>
      <h2>{t('daily.overdue', { n: report.overdue.length })}</h2>
      {report.overdue.length === 0 ? (
        <p>{t('daily.noOverdue')}</p>
      ) : (
        <table className="daily-report__overdue" data-testid="daily-overdue">
          <thead>
            <tr>
              <th>{t('daily.colCode')}</th>
              <th>{t('daily.colCategory')}</th>
              <th>{t('daily.colStreet')}</th>
              <th>{t('daily.colUnit')}</th>
              <th>{t('daily.colDeadline')}</th>
              <th>{t('daily.colOverdueBy')}</th>
            </tr>
          </thead>
          <tbody>
            {report.overdue.map((c) => (
              <tr key={c.id} data-code={c.code}>
                <td>{c.code}</td>
                <td>{names.category(c.categoryCode)}</td>
                <td>{names.street(c.streetCode)}</td>
                <td>{c.assignees.map((id) => names.unit(id)).join('、')}</td>
                <td>{formatDateTime(c.deadlineAt, offsetMinutes)}</td>
                <td>{formatDuration(c.overdueMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('daily.byStreet')}</h2>
      <FiguresTable rows={report.byStreet.rows} total={report.byStreet.total} testId="daily-streets" />
      <h2>{t('daily.byUnit')}</h2>
      <FiguresTable rows={report.byUnit.rows} total={report.byUnit.total} testId="daily-units" />
      {report.byUnit.rowsOverlap ? <p className="daily-report__note">{t('daily.unitNote')}</p> : null}
      <h2>{t('daily.categories', { n: report.categories.length })}</h2>
      <FiguresTable
        rows={report.categories.map((r) => ({ ...r, name: names.category(r.key) }))}
        total={report.categoryTotal}
        testId="daily-categories"
      />
    </>
  )
}
