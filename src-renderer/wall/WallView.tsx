// The read-only wall screen (大屏): the map full screen under a strip of key figures and the hub
// clock, with a banner when the link is down or the data is simulated. No command UI at all.
import './wall.css'
import { useEffect, useMemo, useState } from 'react'
import { getLinkState, onLinkChange, type LinkState } from '../api'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { MapView } from '../map/MapView'
import { useConsole } from '../state/console-store'
import { formatClock, formatRate } from './format'
import { computeKeyFigures, type KeyFigures } from './key-figures'

const DEFAULT_OFFSET_MINUTES = 480
/** Figures follow deltas but are recomputed at most this often (50,000 cases take a few ms). */
const FIGURES_EVERY_MS = 1000

function useHubNow(): number {
  const skew = useConsole((s) => s.status?.clockSkewMs ?? 0)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now + skew
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

export function WallView() {
  const status = useConsole((s) => s.status)
  const ready = useConsole((s) => s.ready)
  const incidentsVersion = useConsole((s) => s.incidentsVersion)
  const offset = useConsole((s) => s.reference?.calendar.utcOffsetMinutes ?? DEFAULT_OFFSET_MINUTES)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const link = useLinkState()
  const hubNow = useHubNow()
  const figureClock = Math.floor(hubNow / FIGURES_EVERY_MS)

  const figures = useMemo(
    () => computeKeyFigures(useConsole.getState().incidents.values(), figureClock * FIGURES_EVERY_MS, offset),
    // incidentsVersion: the incident Map is mutated in place, so the version is the change signal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidentsVersion, figureClock, offset]
  )
  const clock = formatClock(hubNow, offset)
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
        <div className="gcc-wall__clock" data-testid="wall-clock">
          <time>{clock.time}</time>
          <span>
            {t('wall.clock.label')} {clock.date}
          </span>
        </div>
      </header>
      {banner && (
        <div className={`gcc-wall__banner gcc-wall__banner--${banner}`} role="status" data-testid="wall-banner" data-banner={banner}>
          {t(`wall.banner.${banner}`)}
        </div>
      )}
      <main className="gcc-wall__map">
        <MapView selectedId={selectedId} onSelect={setSelectedId} theme="wall" readOnly />
      </main>
    </div>
  )
}
