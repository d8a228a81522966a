// The map legend: what colours, rings, squares and shading mean (zh/en via i18n), with the
// switch for the faint closed-today cases (off by default: the map shows the work still to do).
// Folded by default on the dispatcher's seat, where it would cover part of the district; open on
// the wall, which is read from across the room. Its swatches are the theme's own colours (palette.ts),
// so on the light wall they are the deeper shades the map draws.
import { useState } from 'react'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { isWallTheme, PALETTES, symbolColors, type IncidentColors, type MapTheme } from './palette'
import { FG_COLOR } from './functional-grid-layer'

type Row = { key: MessageKey; swatch: 'dot' | 'ring' | 'square' | 'fill' | 'outline'; color: string; thick?: boolean }

type LegendProps = { theme: MapTheme; closedToday: boolean; onClosedToday: (on: boolean) => void }

export function Legend({ theme, closedToday, onClosedToday }: LegendProps) {
  const wall = isWallTheme(theme)
  const [open, setOpen] = useState(wall)
  const p = PALETTES[theme]
  const { incident: c, unit: u } = symbolColors(theme)
  // The rows that name a ring's colour say the light wall's own (dark ring, gold overdue ring).
  const light = theme === 'wall-light'
  const rows: Row[] = [
    { key: 'map.legend.urgent', swatch: 'dot', color: c.urgent },
    { key: 'map.legend.important', swatch: 'dot', color: c.important },
    { key: 'map.legend.normal', swatch: 'dot', color: c.normal },
    { key: light ? 'wallTheme.legend.reported' : 'map.legend.reported', swatch: 'dot', color: c.normal, thick: true },
    { key: 'map.legend.escalated', swatch: 'dot', color: c.escalated },
    { key: 'map.legend.suspended', swatch: 'dot', color: c.suspended },
    { key: 'map.legend.resolved', swatch: 'dot', color: c.resolved },
    { key: light ? 'wallTheme.legend.overdue' : 'map.legend.overdue', swatch: 'ring', color: c.overdueRing },
    { key: 'map.legend.gridOpen', swatch: 'fill', color: p.gridOpen },
    { key: 'map.legend.gridOverdue', swatch: 'fill', color: p.gridOverdue },
    { key: 'map.legend.unit', swatch: 'square', color: u.available },
    // Rev 1.8: an active functional grid's outline (functional-grid-layer.ts).
    { key: 'fg.mapLegend', swatch: 'outline', color: FG_COLOR }
  ]
  // Both wall themes share the wall's sizes (gcc-legend--wall); the light one adds its colours.
  const themeClass = wall ? `gcc-legend--wall${light ? ' gcc-legend--light' : ''}` : `gcc-legend--${theme}`
  return (
    <div className={`gcc-legend ${themeClass}`} data-testid="map-legend" data-open={open}>
      <h2>
        <button
          type="button"
          className="gcc-legend__head"
          aria-expanded={open}
          data-testid="legend-toggle"
          onClick={() => setOpen(!open)}
        >
          {t('map.legend.title')} {open ? '▾' : '▸'}
        </button>
      </h2>
      <ul hidden={!open}>
        {rows.map((row) => (
          <li key={row.key}>
            <Swatch row={row} colors={c} />
            {t(row.key)}
          </li>
        ))}
        <li>{t(light ? 'wallTheme.legend.cluster' : 'map.legend.cluster')}</li>
        <li>{t('map.legend.mark')}</li>
        <li>
          <label className="gcc-legend__toggle">
            <input
              type="checkbox"
              checked={closedToday}
              data-testid="legend-closed-today"
              onChange={(e) => onClosedToday(e.currentTarget.checked)}
            />
            <span className="gcc-legend__dot gcc-legend__dot--closed" style={{ background: c.closed }} />
            {t('map.legend.closedToday')}
          </label>
        </li>
      </ul>
    </div>
  )
}

function Swatch({ row, colors }: { row: Row; colors: IncidentColors }) {
  switch (row.swatch) {
    case 'dot':
      return <span className="gcc-legend__dot" style={{ background: row.color, borderColor: colors.ring, borderWidth: row.thick ? 3 : undefined }} />
    case 'ring':
      return <span className="gcc-legend__dot" style={{ background: colors.normal, borderColor: row.color, borderWidth: 3 }} />
    case 'square':
      return <span className="gcc-legend__square" style={{ background: row.color }} />
    case 'fill':
      return <span className="gcc-legend__swatch" style={{ background: row.color, opacity: 0.6 }} />
    case 'outline':
      return <span className="gcc-legend__swatch" style={{ background: 'transparent', border: `2px solid ${row.color}` }} />
  }
}
