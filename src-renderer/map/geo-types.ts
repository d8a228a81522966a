// GeoJSON types for the map modules. The layering rule admits no 'geojson' import in the
// renderer, so the types come from @types/geojson's global namespace (maplibre-gl uses it too).
/// <reference types="geojson" />

export type Position = GeoJSON.Position
export type Geometry = GeoJSON.Geometry
export type Point = GeoJSON.Point
export type Feature<G extends Geometry | null = Geometry, P = GeoJSON.GeoJsonProperties> = GeoJSON.Feature<G, P>
export type FeatureCollection<G extends Geometry | null = Geometry, P = GeoJSON.GeoJsonProperties> =
  GeoJSON.FeatureCollection<G, P>
