// Shading by grid type (protocol rev 1.6, key y): one fill layer over the unit grids' existing source,
// coloured by the `gridType` property the schematic data copies from the reference. Hidden by default;
// it adds no source and no per-delta work, so the live incident path does not pay for it.
import type { GridType } from '../../src-shared/protocol'
import type { LayerSpec } from './style'

export const GRID_TYPE_LAYER = 'grid-type-fill'

/** One colour per type: calm, distinguishable hues that leave red/orange to overdue and urgent marks. */
export const GRID_TYPE_COLORS: Record<GridType, string> = {
  residential: '#4e79a7',
  old_residential: '#b07aa1',
  business: '#59a14f',
  urban_village: '#9c755f',
  work_unit: '#76b7b2',
  public: '#edc948',
  mixed: '#bab0ac'
}

export function gridTypeLayer(source: string): LayerSpec {
  const match: unknown[] = ['match', ['get', 'gridType']]
  for (const [type, color] of Object.entries(GRID_TYPE_COLORS)) match.push(type, color)
  match.push('rgba(0,0,0,0)')
  return {
    id: GRID_TYPE_LAYER,
    type: 'fill',
    source,
    layout: { visibility: 'none' },
    paint: { 'fill-color': match, 'fill-opacity': 0.45 }
  } as LayerSpec
}
