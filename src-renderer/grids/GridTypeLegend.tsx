// The legend of the y shading (rev 1.6): one swatch per grid type, or why there is none (an older hub).
import { GRID_TYPES } from '../../src-shared/domain'
import { t } from '../i18n/i18n'
import { GRID_TYPE_COLORS } from '../map/grid-type-layer'
import './grids.css'

export function GridTypeLegend({ available }: { available: boolean }) {
  return (
    <div className="grid-types" data-testid="grid-type-legend">
      <strong>{t('grids.legend.title')}</strong>
      {available ? (
        <div className="grid-types-legend">
          {GRID_TYPES.map((type) => (
            <span key={type}>
              <span className="grid-types-legend__swatch" style={{ background: GRID_TYPE_COLORS[type] }} />
              {t(`gridType.${type}`)}
            </span>
          ))}
        </div>
      ) : (
        <p data-testid="grid-types-older-hub">{t('grids.olderHub')}</p>
      )}
    </div>
  )
}
