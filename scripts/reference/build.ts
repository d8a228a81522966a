// Builds the demo reference data and unit seeds from the source geography, in memory and
// deterministically (same input → byte-identical output), so tests can call it directly.
import { createHash } from 'node:crypto'
import { areaM2, bboxOf, centroid, interiorPoint } from '../../src-shared/geo'
import {
  type Community,
  type GridFeature,
  ReferenceData,
  type Street
} from '../../src-shared/protocol'
import { type UnitSeed, UnitSeeds, communityUnitId, gridWorkerUnitId } from '../../src-shared/reference'
import { buildCalendar } from './calendar'
import { buildCategories } from './categories'
import { DEFAULT_DATA_DIR, gridAttributes, loadDutyList, loadStandards } from './grid-types'
import { partitionStreet } from './communities'
import { round6, roundPolygons, toGeometry, tryUnion } from './geometry'
import { type Lattice, cutStreet, makeLattice } from './lattice'
import { communityName, nameGenerator } from './names'
import { buildResponsibilities } from './responsibilities'
import { mergeSlivers, type RawGrid } from './slivers'
import type { SourceData } from './source'
import { COMMUNITY_CATEGORIES, GRID_WORKER_CATEGORIES, districtUnits, streetUnits } from './units'
import { beats } from './workers'

export const VERSION_PREFIX = 'dc-1-'
const NAME_SEED = 20_260_101

export interface BuildOutput {
  reference: ReferenceData
  units: UnitSeed[]
  lattice: Lattice
  /** Lattice cell of every grid code (of its main piece), for checking the numbering. */
  cells: Record<string, { row: number; col: number }>
}

interface CodedGrid extends RawGrid {
  code: string
  lng: number
}

function point(p: { lng: number; lat: number }): { lng: number; lat: number } {
  return { lng: round6(p.lng), lat: round6(p.lat) }
}

/** `dataDir` holds the written rev 1.6 data (grid-standards.json, duty-list.json). */
export function buildReference(source: SourceData, dataDir = DEFAULT_DATA_DIR): BuildOutput {
  const lattice = makeLattice(bboxOf(source.outline))
  const categories = buildCategories()
  const responsibilities = buildResponsibilities(
    categories,
    source.streets.map((s) => s.code)
  )
  const nextName = nameGenerator(NAME_SEED)
  const streets: Street[] = []
  const communities: Community[] = []
  const grids: GridFeature[] = []
  const units: UnitSeed[] = districtUnits(responsibilities)
  const cells: BuildOutput['cells'] = {}

  for (const s of source.streets) {
    streets.push({ code: s.code, name: s.name, nameEn: s.nameEn, polygon: structuredClone(s.polygon) })
    units.push(...streetUnits({ code: s.code, name: s.name, office: point(s.labelPoint) }, responsibilities))
    const raw = mergeSlivers(cutStreet(lattice, s.code, s.polygon))
    const assign = partitionStreet(raw, areaM2(s.polygon))
    const count = Math.max(...assign) + 1
    for (let c = 0; c < count; c++) {
      const communityCode = s.code + String(c + 1).padStart(3, '0')
      const members: CodedGrid[] = raw
        .filter((_, i) => assign[i] === c)
        .map((g) => ({ ...g, code: '', lng: centroid({ type: 'Polygon', coordinates: g.polygon }).lng }))
        // Numbered west→east, north→south (domain.md §2): lattice row, then column, then centre.
        .sort((a, b) => a.row - b.row || a.col - b.col || a.lng - b.lng)
      if (members.length > 999) throw new Error(`community ${communityCode} has over 999 grids`)
      members.forEach((g, i) => (g.code = communityCode + String(i + 1).padStart(3, '0')))

      const merged = tryUnion(...members.map((g) => [g.polygon]))
      if (!merged) throw new Error(`cannot union the grids of community ${communityCode}`)
      const polygon = toGeometry(roundPolygons(merged))
      const name = communityName(s.name, c + 1)
      communities.push({ code: communityCode, streetCode: s.code, name, synthetic: true, polygon })
      units.push({
        id: communityUnitId(communityCode),
        name: `${name}居委会`,
        kind: 'community',
        streetCode: s.code,
        gridCodes: members.map((g) => g.code),
        categories: [...COMMUNITY_CATEGORIES],
        status: 'available',
        location: point(interiorPoint(polygon))
      })

      const workerOf = new Map<string, string>()
      beats(members).forEach((beat, b) => {
        const id = gridWorkerUnitId(communityCode, b + 1)
        const centres = beat.map((i) => centroid({ type: 'Polygon', coordinates: (members[i] as CodedGrid).polygon }))
        const gridCodes = beat.map((i) => (members[i] as CodedGrid).code).sort()
        for (const code of gridCodes) workerOf.set(code, id)
        units.push({
          id,
          name: nextName(),
          kind: 'grid_worker',
          streetCode: s.code,
          gridCodes,
          categories: [...GRID_WORKER_CATEGORIES],
          status: 'available',
          location: point({
            lng: centres.reduce((sum, p) => sum + p.lng, 0) / centres.length,
            lat: centres.reduce((sum, p) => sum + p.lat, 0) / centres.length
          })
        })
      })

      for (const g of members) {
        cells[g.code] = { row: g.row, col: g.col }
        grids.push({
          type: 'Feature',
          properties: {
            code: g.code,
            communityCode,
            streetCode: s.code,
            workerUnitId: workerOf.get(g.code) ?? null,
            ...gridAttributes(g.code, s.code, areaM2({ type: 'Polygon', coordinates: g.polygon }))
          },
          geometry: toGeometry([g.polygon])
        })
      }
    }
  }

  const body = {
    streets,
    communities,
    grids: { type: 'FeatureCollection' as const, features: grids },
    categories,
    responsibilities,
    calendar: buildCalendar(),
    gridStandards: loadStandards(dataDir),
    dutyList: loadDutyList(categories, dataDir)
  }
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex')
  // Parse on the way out: a build that breaks the protocol schema must fail here, not in the hub.
  const reference = ReferenceData.parse({ version: VERSION_PREFIX + hash.slice(0, 8), ...body })
  return { reference, units: UnitSeeds.parse(units), lattice, cells }
}

/** The two files' exact text. */
export function serialize(out: BuildOutput): { referenceJson: string; unitsJson: string } {
  return {
    referenceJson: JSON.stringify(out.reference) + '\n',
    // One unit per line: readable diffs when the seeds change.
    unitsJson: '[\n' + out.units.map((u) => JSON.stringify(u)).join(',\n') + '\n]\n'
  }
}
