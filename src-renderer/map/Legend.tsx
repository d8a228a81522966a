// The map legend: what colours, rings, squares and shading mean (zh/en via i18n), with the
// switch for the faint closed-today cases (off by default: the map shows the work still to do).
// Folded by default on the dispatcher's seat, where it would cover part of the district; open on
// the wall, which is read from across the room.
import { useState } from 'react'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { INCIDENT_COLORS, PALETTES, UNIT_COLORS, type MapTheme } from './palette'
import { FG_COLOR } from './functional-grid-layer'

type Row = { key: MessageKey; swatch: 'dot' | 'ring' | 'square' | 'fill' | 'outline'; color: string; thick?: boolean }

type LegendProps = { theme: MapTheme; closedToday: boolean; onClosedToday: (on: boolean) => void }

export function Legend({ theme, closedToday, onClosedToday }: LegendProps) {
  const [open, setOpen] = useState(theme === 'wall')
  const p = PALETTES[theme]
  const rows: Row[] = [
    { key: 'map.legend.urgent', swatch: 'dot', color: INCIDENT_COLORS.urgent },
    { key: 'map.legend.important', swatch: 'dot', color: INCIDENT_COLORS.important },
    { key: 'map.legend.normal', swatch: 'dot', color: INCIDENT_COLORS.normal },
    { key: 'map.legend.reported', swatch: 'dot', color: INCIDENT_COLORS.normal, thick: true },
    { key: 'map.legend.escalated', swatch: 'dot', color: INCIDENT_COLORS.escalated },
    { key: 'map.legend.suspended', swatch: 'dot', color: INCIDENT_COLORS.suspended },
    { key: 'map.legend.resolved', swatch: 'dot', color: INCIDENT_COLORS.resolved },
    { key: 'map.legend.overdue', swatch: 'ring', color: INCIDENT_COLORS.overdueRing },
    { key: 'map.legend.gridOpen', swatch: 'fill', color: p.gridOpen },
    { key: 'map.legend.gridOverdue', swatch: 'fill', color: p.gridOverdue },
    { key: 'map.legend.unit', swatch: 'square', color: UNIT_COLORS.available },
    // Rev 1.8: an active functional grid's outline (functional-grid-layer.ts).
    { key: 'fg.mapLegend', swatch: 'outline', color: FG_COLOR }
  ]
  return (
    <div className={`gcc-legend gcc-legend--${theme}`} data-testid="map-legend" data-open={open}>
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
            <Swatch row={row} />
            {t(row.key)}
          </li>
        ))}
        <li>{t('map.legend.cluster')}</li>
        <li>{t('map.legend.mark')}</li>
        <li>
          <label className="gcc-legend__toggle">
            <input
              type="checkbox"
              checked={closedToday}
              data-testid="legend-closed-today"
              onChange={(e) => onClosedToday(e.currentTarget.checked)}
            />
            <span className="gcc-legend__dot gcc-legend__dot--closed" style={{ background: INCIDENT_COLORS.closed }} />
            {t('map.legend.closedToday')}
          </label>
        </li>
      </ul>
    </div>
  )
}

function Swatch({ row }: { row: Row }) {
  switch (row.swatch) {
    case 'dot':
      return <span className="gcc-legend__dot" style={{ background: row.color, borderWidth: row.thick ? 3 : undefined }} />
    case 'ring':
      return <span className="gcc-legend__dot" style={{ background: INCIDENT_COLORS.normal, borderColor: row.color, borderWidth: 3 }} />
    case 'square':
      return <span className="gcc-legend__square" style={{ background: row.color }} />
    case 'fill':
      return <span className="gcc-legend__swatch" style={{ background: row.color, opacity: 0.6 }} />
    case 'outline':
      return <span className="gcc-legend__swatch" style={{ background: 'transparent', border: `2px solid ${row.color}` }} />
  }
}
