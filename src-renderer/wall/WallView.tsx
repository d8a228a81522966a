// The read-only wall screen (大屏): the map under a strip of key figures (coloured by the settings'
// thresholds) and the centre's clock and shift, a column of the longest overdue and urgent cases,
// the street ranking and the shift change's handover; a banner when the link is down or the data is
// simulated. Its language and theme are its URL's (?lang=, ?theme=). No command UI at all.
import './wall.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ConsoleApi } from '../../src-shared/api'
import {
  figureTone,
  resolveThresholds,
  shiftAt,
  type FigureRow,
  type FigureThresholds,
  type FigureTone,
  type ThresholdFigure
} from '../../src-shared/domain'
import { getLinkState, onLinkChange, type LinkState } from '../api'
import { getLocale, t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { wallFollowsFromQuery } from '../map/follow'
import { MapView } from '../map/MapView'
import { useConsole } from '../state/console-store'
import { formatClock, formatRate, formatUtcOffset } from './format'
import { computeKeyFigures, todayQuery, type DayFigures, type KeyFigures } from './key-figures'
import { useWallKeys } from './wall-keys'
import { wallMapTheme, wallParams } from './wall-params'
import { WallSide } from './WallSide'

const DEFAULT_OFFSET_MINUTES = 480
/**
 * Figures follow deltas but are recomputed at most once per this interval (a busy hub sends a
 * delta every frame; a pass over 50,000 cases takes milliseconds), and on it anyway, since
 * cases turn overdue by the clock alone.
 */
const FIGURES_EVERY_MS = 1000

const hubNow = (): number => Date.now() + (useConsole.getState().status?.clockSkewMs ?? 0)

type WallFigures = { figures: KeyFigures; today: DayFigures | null; streets: readonly FigureRow[] }

function useKeyFigures(api: ConsoleApi, offset: number): WallFigures {
  const incidentsVersion = useConsole((s) => s.incidentsVersion)
  // Today's figures from the core (the domain's metrics over the cached log); null until the first answer.
  const today = useRef<DayFigures | null>(null)
  const compute = (): KeyFigures => computeKeyFigures(useConsole.getState().incidents.values(), hubNow(), today.current)
  const [figures, setFigures] = useState<KeyFigures>(compute)
  // The same answer's rows by street: the wall's ranking (the domain's rates, never recomputed).
  const [streets, setStreets] = useState<readonly FigureRow[]>([])
  const dirty = useRef(true)
  useEffect(() => {
    dirty.current = true
  }, [incidentsVersion, offset])
  useEffect(() => {
    let ticks = 0
    let live = true
    const refresh = (): void => {
      api.getFigures(todayQuery(hubNow(), offset)).then(
        (table) => {
          if (!live) return
          today.current = table.total
          setStreets(table.rows)
          setFigures(computeKeyFigures(useConsole.getState().incidents.values(), hubNow(), today.current))
        },
        () => undefined // offline carrier or a closing window: keep the last figures
      )
    }
    const timer = setInterval(() => {
      ticks++
      // Recompute when cases changed, and every 5 s for the clock's sake.
      if (!dirty.current && ticks % 5 !== 0) return
      dirty.current = false
      refresh()
    }, FIGURES_EVERY_MS)
    refresh()
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [api, offset])
  return { figures, today: today.current, streets }
}

/** The hub clock, in its own component so its every-second render touches nothing else. */
function WallClock({ offset }: { offset: number }) {
  const skew = useConsole((s) => s.status?.clockSkewMs ?? 0)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const clock = formatClock(now + skew, offset)
  const shift = shiftAt(now + skew, offset).shiftId.slice(-1)
  return (
    <div className="gcc-wall__clock" data-testid="wall-clock">
      <time>{clock.time}</time>
      <span data-testid="wall-zone">
        {t('wallHall.clock', { zone: formatUtcOffset(offset) })} {clock.date}
      </span>
      <span data-testid="wall-shift" data-shift={shift}>
        {t('wallHall.shiftNow', { shift: t(`shift.${shift as '1' | '2' | '3'}`) })}
      </span>
    </div>
  )
}

function useLinkState(): LinkState {
  const [link, setLink] = useState<LinkState>(() => getLinkState())
  useEffect(() => onLinkChange(setLink), [])
  return link
}

/** `rule`: the figure whose colour the domain's thresholds decide (figureTone); the others stay neutral. */
const FIGURES: { key: keyof KeyFigures; label: MessageKey; rule?: ThresholdFigure }[] = [
  { key: 'open', label: 'wall.figure.open' },
  { key: 'overdue', label: 'wall.figure.overdue', rule: 'overdue' },
  { key: 'urgent', label: 'wall.figure.urgent', rule: 'urgent' },
  { key: 'acceptedToday', label: 'wall.figure.acceptedToday' },
  { key: 'closedToday', label: 'wall.figure.closedToday' },
  { key: 'onTimeRate', label: 'wall.figure.onTimeRate', rule: 'onTimeRate' }
]

/** A figure's tone: the rate judged in percent as the domain's table gives it, counts as they are. */
function toneOf(rule: ThresholdFigure | undefined, figures: KeyFigures, today: DayFigures | null, thresholds: FigureThresholds): FigureTone {
  if (!rule) return 'neutral'
  if (rule === 'onTimeRate') return figureTone(rule, today?.rates.onTime ?? null, thresholds)
  return figureTone(rule, figures[rule], thresholds)
}

export function WallView({ api }: { api: ConsoleApi }) {
  const status = useConsole((s) => s.status)
  const ready = useConsole((s) => s.ready)
  const offset = useConsole((s) => s.reference?.calendar.utcOffsetMinutes ?? DEFAULT_OFFSET_MINUTES)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const link = useLinkState()
  useWallKeys()
  const { figures, today, streets } = useKeyFigures(api, offset)
  const wallThresholds = useConsole((s) => s.settings?.wallThresholds)
  const thresholds = useMemo(() => resolveThresholds(wallThresholds), [wallThresholds])
  const params = useMemo(() => wallParams(window.location.search), [])
  const offline = link === 'down' || link === 'closed' || status?.connection === 'offline'
  const banner = offline ? 'offline' : status?.demo ? 'demo' : !ready ? 'connecting' : null

  return (
    <div className="gcc-wall" data-testid="wall" data-theme={params.theme} lang={getLocale()}>
      <header className="gcc-wall__bar">
        <div className="gcc-wall__title">
          <h1>{t('wall.title')}</h1>
          <span>{t('app.title')}</span>
        </div>
        <div className="gcc-wall__figures" data-testid="wall-figures">
          {FIGURES.map(({ key, label, rule }) => {
            const value = key === 'onTimeRate' ? formatRate(figures.onTimeRate) : String(figures[key])
            const tone = ready ? toneOf(rule, figures, today, thresholds) : 'neutral'
            return (
              <div key={key} className={`gcc-figure gcc-figure--${key} gcc-tone--${tone}`} data-figure={key} data-tone={tone}>
                <div className="gcc-figure__value">{ready ? (value ?? t('wall.figure.none')) : t('wall.figure.none')}</div>
                <div className="gcc-figure__label">{t(label)}</div>
              </div>
            )
          })}
        </div>
        <WallClock offset={offset} />
      </header>
      {banner && (
        <div className={`gcc-wall__banner gcc-wall__banner--${banner}`} role="status" data-testid="wall-banner" data-banner={banner}>
          {t(`wall.banner.${banner}`)}
        </div>
      )}
      {params.ignored.length > 0 ? (
        <div className="gcc-wall__banner gcc-wall__banner--param" role="alert" data-testid="wall-param">
          {t('wallHall.param.ignored', { params: params.ignored.join(', ') })}
        </div>
      ) : null}
      {status?.storage ? (
        <div className="gcc-wall__banner gcc-wall__banner--storage" role="alert" data-testid="wall-storage" data-kind={status.storage.kind}>
          {t('storage.wall', { kind: t(`storage.kind.${status.storage.kind}`) })}
        </div>
      ) : null}
      <div className="gcc-wall__body">
        <main className="gcc-wall__map">
          <MapView selectedId={selectedId} onSelect={setSelectedId} theme={wallMapTheme(params.theme)} readOnly wallFollows={wallFollowsFromQuery(window.location.search)} />
        </main>
        <WallSide streets={streets} thresholds={thresholds} offset={offset} />
      </div>
    </div>
  )
}
