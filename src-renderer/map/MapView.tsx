// placeholder until H8 lands
// The live map (H8 owns this file and will replace it): shows the cases, selects one on click.
export type MapViewProps = { selectedId: string | null; onSelect: (id: string) => void }

export function MapView(_props: MapViewProps) {
  return <div className="map-placeholder" data-testid="map" />
}
