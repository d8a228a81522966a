// The read-only wall screen (大屏): the map full screen under a strip of key figures and the hub
// clock, with a banner when the link is down or the data is simulated. No command UI at all.
import './wall.css'
import { useEffect, useRef, useState } from 'react'
import type { ConsoleApi } from '../../src-shared/api'
import { getLinkState, onLinkChange, type LinkState } from '../api'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { wallFollowsFromQuery } from '../map/follow'
import { MapView } from '../map/MapView'
import { useConsole } from '../state/console-store'
import { formatClock, formatRate } from './format'
import { computeKeyFigures, todayQuery, type DayFigures, type KeyFigures } from './key-figures'
import { useWallKeys } from './wall-keys'

const DEFAULT_OFFSET_MINUTES = 480
/**
 * Figures follow deltas but are recomputed at most once per this interval (a busy hub sends a
 * delta every frame; a pass over 50,000 cases takes milliseconds), and on it anyway, since
 * cases turn overdue by the clock alone.
 */
const FIGURES_EVERY_MS = 1000

const hubNow = (): number => Date.now() + (useConsole.getState().status?.clockSkewMs ?? 0)

function useKeyFigures(api: ConsoleApi, offset: number): KeyFigures {
  const incidentsVersion = useConsole((s) => s.incidentsVersion)
  // Today's figures from the core (the domain's metrics over the cached log); null until the first answer.
  const today = useRef<DayFigures | null>(null)
  const compute = (): KeyFigures => computeKeyFigures(useConsole.getState().incidents.values(), hubNow(), today.current)
  const [figures, setFigures] = useState<KeyFigures>(compute)
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
  return figures
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
  return (
    <div className="gcc-wall__clock" data-testid="wall-clock">
      <time>{clock.time}</time>
      <span>
        {t('wall.clock.label')} {clock.date}
      </span>
    </div>
  )
}

function useLinkState(): LinkState {
  const [link, setLink] = useState<LinkState>(() => getLinkState())
  useEffect(() => onLinkChange(setLink), [])
  return link
}

const FIGURES: { key: keyof KeyFigures; label: MessageKey; tone?: string }[] = [
  { key: 'open', label: 'wall.figure.open' },
  { key: 'overdue', label: 'wall.figure.overdue', tone: 'overdue' },
  { key: 'urgent', label: 'wall.figure.urgent', tone: 'urgent' },
  { key: 'acceptedToday', label: 'wall.figure.acceptedToday' },
  { key: 'closedToday', label: 'wall.figure.closedToday' },
  { key: 'onTimeRate', label: 'wall.figure.onTimeRate', tone: 'rate' }
]

export function WallView({ api }: { api: ConsoleApi }) {
  const status = useConsole((s) => s.status)
  const ready = useConsole((s) => s.ready)
  const offset = useConsole((s) => s.reference?.calendar.utcOffsetMinutes ?? DEFAULT_OFFSET_MINUTES)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const link = useLinkState()
  useWallKeys()
  const figures = useKeyFigures(api, offset)
  const offline = link === 'down' || link === 'closed' || status?.connection === 'offline'
  const banner = offline ? 'offline' : status?.demo ? 'demo' : !ready ? 'connecting' : null

  return (
    <div className="gcc-wall" data-testid="wall">
      <header className="gcc-wall__bar">
        <div className="gcc-wall__title">
          <h1>{t('wall.title')}</h1>
          <span>{t('app.title')}</span>
        </div>
        <div className="gcc-wall__figures" data-testid="wall-figures">
          {FIGURES.map(({ key, label, tone }) => {
            const value = key === 'onTimeRate' ? formatRate(figures.onTimeRate) : String(figures[key])
            return (
              <div key={key} className={`gcc-figure${tone ? ` gcc-figure--${tone}` : ''}`} data-figure={key}>
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
      {status?.storage ? (
        <div className="gcc-wall__banner gcc-wall__banner--storage" role="alert" data-testid="wall-storage" data-kind={status.storage.kind}>
          {t('storage.wall', { kind: t(`storage.kind.${status.storage.kind}`) })}
        </div>
      ) : null}
      <main className="gcc-wall__map">
        <MapView selectedId={selectedId} onSelect={setSelectedId} theme="wall" readOnly wallFollows={wallFollowsFromQuery(window.location.search)} />
      </main>
    </div>
  )
}
