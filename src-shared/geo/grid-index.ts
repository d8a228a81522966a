// Point → unit grid lookup. Built once from the grid FeatureCollection; a uniform bucket index over
// the grids' bounding boxes keeps each lookup to the few grids near the point.
import type { GridCollection, GridFeature, GridProperties, LngLat } from '../protocol'
import { bboxOf, bboxContains } from './bbox'
import { pointInArea } from './point-in-area'
import type { BBox } from './types'

interface Entry {
  feature: GridFeature
  box: BBox
}

export class GridIndex {
  private readonly box: BBox
  private readonly cols: number
  private readonly rows: number
  private readonly cellW: number
  private readonly cellH: number
  private readonly buckets: Entry[][]
  readonly size: number

  /** `bucketsPerGrid`: about how many grids share a bucket (tuning; 1–2 is right for unit grids). */
  constructor(collection: GridCollection, bucketsPerGrid = 1) {
    const entries = collection.features.map((feature) => ({ feature, box: bboxOf(feature.geometry) }))
    this.size = entries.length
    const box: BBox = [Infinity, Infinity, -Infinity, -Infinity]
    for (const e of entries) {
      box[0] = Math.min(box[0], e.box[0])
      box[1] = Math.min(box[1], e.box[1])
      box[2] = Math.max(box[2], e.box[2])
      box[3] = Math.max(box[3], e.box[3])
    }
    this.box = box
    const n = Math.max(1, Math.ceil(entries.length / Math.max(0.1, bucketsPerGrid)))
    const w = entries.length > 0 ? Math.max(box[2] - box[0], 1e-9) : 1
    const h = entries.length > 0 ? Math.max(box[3] - box[1], 1e-9) : 1
    // Square-ish buckets in degrees: cols/rows follow the aspect ratio.
    this.cols = Math.max(1, Math.min(4096, Math.round(Math.sqrt((n * w) / h))))
    this.rows = Math.max(1, Math.min(4096, Math.ceil(n / this.cols)))
    this.cellW = w / this.cols
    this.cellH = h / this.rows
    this.buckets = Array.from({ length: this.cols * this.rows }, () => [])
    for (const e of entries) {
      const [c0, r0] = this.bucketOf(e.box[0], e.box[1])
      const [c1, r1] = this.bucketOf(e.box[2], e.box[3])
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.buckets[r * this.cols + c]?.push(e)
    }
  }

  private bucketOf(lng: number, lat: number): [number, number] {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((lng - this.box[0]) / this.cellW)))
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.box[1]) / this.cellH)))
    return [c, r]
  }

  /** The grid containing the point (the first one found if it lies on a shared edge), or null. */
  findGridFeature(point: LngLat): GridFeature | null {
    if (!Number.isFinite(point.lng) || !Number.isFinite(point.lat)) return null
    if (this.size === 0 || !bboxContains(this.box, point.lng, point.lat)) return null
    const [c, r] = this.bucketOf(point.lng, point.lat)
    for (const e of this.buckets[r * this.cols + c] ?? []) {
      if (bboxContains(e.box, point.lng, point.lat) && pointInArea(point, e.feature.geometry)) return e.feature
    }
    return null
  }

  findGrid(point: LngLat): GridProperties | null {
    return this.findGridFeature(point)?.properties ?? null
  }
}
