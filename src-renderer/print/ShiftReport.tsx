// The printed 交接班记录 of one handover: rendered into <body> beside the app, hidden on screen and the
// only thing on paper (print.css). The incoming lead may print it before acknowledging.
import { useMemo } from 'react'
import { createPortal } from 'react-dom'
import type { Handover } from '../../src-shared/protocol'
import { formatDateTime } from '../console/format'
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import { hubNow } from '../state/selectors'
import { shiftReport } from './shift-report-model'
import './print.css'

export function ShiftReport({ handover }: { handover: Handover }) {
  const incidents = useConsole((s) => s.incidents)
  const outbox = useConsole((s) => s.outbox)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const nowMs = hubNow(skew)
  const report = useMemo(() => shiftReport(handover, incidents, outbox, nowMs), [handover, incidents, outbox, nowMs])
  const h = report.handover
  return createPortal(
    <section className="shift-report" data-testid="shift-report">
      <h1>{t('print.shiftTitle')}</h1>
      <p className="shift-report__meta">
        {t('print.shiftMeta', {
          shift: h.shiftId,
          from: h.from.name,
          at: formatDateTime(h.submittedAt),
          to: h.to?.name ?? t('handover.toAnyone')
        })}
        {' · '}
        {h.state === 'acknowledged' && h.acknowledgedAt !== null
          ? t('print.acknowledgedAt', { name: h.to?.name ?? '', at: formatDateTime(h.acknowledgedAt) })
          : t('print.notAcknowledged')}
      </p>
      {h.summary ? (
        <div className="shift-report__summary">
          <strong>{t('print.summary')}</strong>
          {'：'}
          {h.summary}
        </div>
      ) : null}
      <p>{t('print.openCases', { n: report.rows.length, overdue: report.overdue })}</p>
      <table>
        <thead>
          <tr>
            <th>{t('print.colCode')}</th>
            <th>{t('print.colUrgency')}</th>
            <th>{t('print.colStatus')}</th>
            <th>{t('print.colDeadline')}</th>
            <th>{t('print.colNote')}</th>
            <th>{t('print.colAck')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.code} className={r.overdue ? 'shift-report__overdue' : undefined}>
              <td>{r.code}</td>
              <td>{r.urgency ? t(`urgency.${r.urgency}`) : ''}</td>
              <td>{t(`status.${r.status}`)}</td>
              <td>
                {r.deadlineAt === null ? t('handover.noDeadline') : formatDateTime(r.deadlineAt)}
                {r.overdue ? ` ${t('print.overdue')}` : ''}
              </td>
              <td>{r.note}</td>
              <td>{r.acknowledged ? '✓' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shift-report__foot">
        {t('print.pending', { n: report.pending })} · {t('print.printed', { at: formatDateTime(new Date(nowMs).toISOString()) })}
      </p>
    </section>,
    document.body
  )
}
