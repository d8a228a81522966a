// The wall's column beside the map (issue 16, k16c): this shift change's 已交班/已接班, the cases
// overdue the longest, the open urgent cases and the streets ranked by today's 按期结案率. Every row
// is one line in viewport units (docs/wall.md: labels ≥ 2% of the screen height); a title too long
// for the column ends in an ellipsis, the time and the street never do.
import { useEffect, useMemo, useState } from 'react'
import type { FigureRow, FigureThresholds } from '../../src-shared/domain'
import { figureTone } from '../../src-shared/domain'
import { getLocale, t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { useConsole } from '../state/console-store'
import { daysHours, formatHourMinute, formatRate, hoursMinutes } from './format'
import { handoverBoard, type WallHandover } from './wall-handover'
import { oldestOverdue, streetRanking, urgentOpen, type WallCase } from './wall-lists'

/** Rows each list shows; what does not fit is counted ("另有 N 件"). Chosen to fill 1080 rows of 2.2vh. */
export const WALL_ROWS = { overdue: 5, urgent: 4, ranking: 6, handovers: 2 } as const
const REFRESH_MS = 5000

function useStreetNames(): (code: string, fallback?: string) => string {
  const streets = useConsole((s) => s.reference?.streets)
  return useMemo(() => {
    const byCode = new Map((streets ?? []).map((s) => [s.code, s]))
    return (code, fallback) => {
      const s = byCode.get(code)
      if (!s) return fallback ?? code
      return getLocale() === 'en-US' && s.nameEn ? s.nameEn : s.name
    }
  }, [streets])
}

/** The hub's clock, ticking every few seconds (cases turn overdue by the clock alone). */
function useHubNow(): number {
  const skew = useConsole((s) => s.status?.clockSkewMs ?? 0)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS)
    return () => clearInterval(timer)
  }, [])
  return now + skew
}

function CaseRows({ cases, kind, streetName }: { cases: WallCase[]; kind: 'overdue' | 'urgent'; streetName: (code: string) => string }) {
  return (
    <>
      {cases.map((c) => {
        const hm = c.leftMs === null ? null : hoursMinutes(c.leftMs)
        const late = c.leftMs !== null && c.leftMs < 0
        const days = late && c.leftMs !== null ? daysHours(c.leftMs) : null
        const when: string =
          hm === null
            ? t('wallHall.urgent.noClock')
            : days !== null
              ? t('wallHall.overdue.byDays', days)
              : kind === 'overdue'
                ? t('wallHall.overdue.by', hm)
                : t(late ? 'wallHall.urgent.overdue' : 'wallHall.urgent.left', hm)
        return (
          <li key={c.id} className="gcc-wall-side__row" data-case={c.id}>
            <span className={`gcc-wall-side__when${late ? ' gcc-tone--red' : ''}`}>{when}</span>
            <span className="gcc-wall-side__title">{c.title}</span>
            <span className="gcc-wall-side__street">{streetName(c.streetCode)}</span>
          </li>
        )
      })}
    </>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="gcc-wall-side__section" data-testid={`wall-${id}`} aria-label={title}>
      <h2>{title}</h2>
      <ul>{children}</ul>
    </section>
  )
}

function Note({ text }: { text: string }) {
  return <li className="gcc-wall-side__note">{text}</li>
}

function HandoverRows({ handovers, offset }: { handovers: WallHandover[]; offset: number }) {
  if (handovers.length === 0) return <Note text={t('wallHall.handover.none')} />
  return (
    <>
      {handovers.slice(0, WALL_ROWS.handovers).map((h) => (
        <li key={h.id} className="gcc-wall-side__handover" data-handover={h.id} data-state={h.state}>
          <span className="gcc-tone--good">{t('wallHall.handover.submitted', { from: h.from, at: formatHourMinute(h.submittedAt, offset) })}</span>
          {h.state === 'acknowledged' && h.acknowledgedAt !== null ? (
            <span className="gcc-tone--good">{t('wallHall.handover.acknowledged', { to: h.to ?? '—', at: formatHourMinute(h.acknowledgedAt, offset) })}</span>
          ) : (
            <span className="gcc-tone--amber">
              {h.to ? t('wallHall.handover.waitingFor', { to: h.to }) : t('wallHall.handover.waiting')}
              {h.items > 0 ? ` · ${t('wallHall.handover.items', { done: h.itemsAcknowledged, n: h.items })}` : ''}
            </span>
          )}
        </li>
      ))}
    </>
  )
}

export function WallSide({ streets, thresholds, offset }: { streets: readonly FigureRow[]; thresholds: FigureThresholds; offset: number }) {
  const now = useHubNow()
  const incidentsVersion = useConsole((s) => s.incidentsVersion)
  const handoversMap = useConsole((s) => s.handovers)
  const streetName = useStreetNames()
  const { overdue, urgent } = useMemo(() => {
    void incidentsVersion // recompute when cases change
    const incidents = [...useConsole.getState().incidents.values()]
    return { overdue: oldestOverdue(incidents, now, WALL_ROWS.overdue), urgent: urgentOpen(incidents, now, WALL_ROWS.urgent) }
  }, [incidentsVersion, now])
  const board = useMemo(() => handoverBoard(handoversMap.values(), now, offset), [handoversMap, now, offset])
  const ranking = useMemo(() => streetRanking(streets), [streets])
  const shown = ranking.ranked.slice(0, WALL_ROWS.ranking)
  const more = (key: MessageKey, n: number) => (n > 0 ? <Note text={t(key, { n })} /> : null)

  return (
    <aside className="gcc-wall-side" data-testid="wall-side">
      <Section id="handover" title={t('wallHall.handover.title', { shift: t(`shift.${board.shift.index}`) })}>
        <HandoverRows handovers={board.handovers} offset={offset} />
      </Section>
      <Section id="overdue-list" title={t('wallHall.overdue.title')}>
        {overdue.total === 0 ? <Note text={t('wallHall.overdue.none')} /> : <CaseRows cases={overdue.cases} kind="overdue" streetName={streetName} />}
        {more('wallHall.overdue.more', overdue.total - overdue.cases.length)}
      </Section>
      <Section id="urgent-list" title={t('wallHall.urgent.title')}>
        {urgent.total === 0 ? <Note text={t('wallHall.urgent.none')} /> : <CaseRows cases={urgent.cases} kind="urgent" streetName={streetName} />}
        {more('wallHall.urgent.more', urgent.total - urgent.cases.length)}
      </Section>
      <Section id="ranking" title={t('wallHall.ranking.title')}>
        {ranking.ranked.length === 0 ? <Note text={t('wallHall.ranking.none')} /> : null}
        {shown.map((s) => (
          <li key={s.key} className="gcc-wall-side__rank" data-street={s.key} data-tone={figureTone('onTimeRate', s.onTime, thresholds)}>
            <span className="gcc-wall-side__rankno">{t('wallHall.ranking.rank', { rank: s.rank })}</span>
            <span className="gcc-wall-side__title">{streetName(s.key, s.name)}</span>
            <span className={`gcc-wall-side__rate gcc-tone--${figureTone('onTimeRate', s.onTime, thresholds)}`}>{formatRate(s.onTime / 100)}</span>
          </li>
        ))}
        {more('wallHall.ranking.more', ranking.ranked.length - shown.length)}
        {more('wallHall.ranking.unranked', ranking.unranked)}
      </Section>
    </aside>
  )
}
