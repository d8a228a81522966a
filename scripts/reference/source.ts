// Reads and checks the demo geography (/work/shared/data/geo or a copy) into typed street records.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { AreaGeometry } from '../../src-shared/protocol'

const SubdistrictFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    Name: z.string().min(1),
    code: z.number().int().min(100_000_000_000).max(999_999_999_999),
    pinyin: z.string().regex(/^[a-z]+$/),
    /** [lat, lng] in the source (sic). */
    labelPoint: z.tuple([z.number(), z.number()])
  }),
  geometry: AreaGeometry
})
const SubdistrictCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(SubdistrictFeature).min(1) })
const OutlineCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ geometry: AreaGeometry })).length(1)
})

export interface SourceStreet {
  code: string
  name: string
  nameEn: string
  labelPoint: { lng: number; lat: number }
  polygon: AreaGeometry
}

export interface SourceData {
  streets: SourceStreet[]
  outline: AreaGeometry
}

export const DEFAULT_GEO_DIR = '/work/shared/data/geo'

/** 'donghuamenjiedao' → 'Donghuamen'. */
export function englishName(pinyin: string): string {
  const base = pinyin.replace(/jiedao$/, '')
  return base.charAt(0).toUpperCase() + base.slice(1)
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`)
  }
}

/** Parses already-read GeoJSON; throws with the file's role and the zod issue on bad input. */
export function parseSource(subdistricts: unknown, outline: unknown): SourceData {
  const sd = SubdistrictCollection.safeParse(subdistricts)
  if (!sd.success) throw new Error(`bad sub-district GeoJSON: ${z.prettifyError(sd.error)}`)
  const ol = OutlineCollection.safeParse(outline)
  if (!ol.success) throw new Error(`bad district outline GeoJSON: ${z.prettifyError(ol.error)}`)
  const streets = sd.data.features.map((f) => {
    const code12 = String(f.properties.code)
    if (!code12.endsWith('000')) throw new Error(`sub-district code ${code12} does not end in 000`)
    return {
      code: code12.slice(0, 9),
      name: f.properties.Name,
      nameEn: englishName(f.properties.pinyin),
      labelPoint: { lng: f.properties.labelPoint[1], lat: f.properties.labelPoint[0] },
      polygon: f.geometry
    }
  })
  streets.sort((a, b) => a.code.localeCompare(b.code))
  const codes = new Set(streets.map((s) => s.code))
  if (codes.size !== streets.length) throw new Error('duplicate sub-district codes')
  const outlineFeature = ol.data.features[0]
  if (!outlineFeature) throw new Error('district outline has no feature')
  return { streets, outline: outlineFeature.geometry }
}

export function loadSource(dir = DEFAULT_GEO_DIR): SourceData {
  return parseSource(
    readJson(path.join(dir, 'dongcheng-subdistricts.geojson')),
    readJson(path.join(dir, 'dongcheng-outline.geojson'))
  )
}
