// Reference data the hub serves and decides with: loaded from files, checked, indexed by code.
import { readFile } from 'node:fs/promises'
import {
  ReferenceData,
  type Category,
  type GridProperties,
  type LngLat
} from '../src-shared/protocol'
import { GridIndex } from '../src-shared/geo'
import { gridRulesFrom, type GridRules } from '../src-shared/domain'
import { UnitSeeds, type UnitSeed } from '../src-shared/reference/unit-seed'
import { PreSerialized } from './preserialized'

/** A unit as seeded from the reference files: the hub adds version, seq and openCount. */
export type HubUnitSeed = UnitSeed

export const DEFAULT_REFERENCE_PATH = 'resources/reference/reference.json'
export const DEFAULT_UNITS_PATH = 'resources/reference/units.json'

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`)
  }
}

export class HubReference {
  readonly categories: Map<string, Category>
  readonly grids: Map<string, GridProperties>
  readonly streetCodes: string[]
  /** Rev 1.6: grid-type time-limit factors and the 权责清单 (factor 1 and no list for an older reference). */
  readonly gridRules: GridRules
  private readonly gridIndex: GridIndex
  private answer: PreSerialized | null = null

  constructor(
    readonly data: ReferenceData,
    readonly units: HubUnitSeed[]
  ) {
    this.categories = new Map(data.categories.map((c) => [c.code, c]))
    this.grids = new Map(data.grids.features.map((f) => [f.properties.code, f.properties]))
    this.streetCodes = data.streets.map((s) => s.code)
    this.gridRules = gridRulesFrom(data, this.grids)
    this.gridIndex = new GridIndex(data.grids)
  }

  get version(): string {
    return this.data.version
  }

  /**
   * The full `reference` answer, serialised once for this version (the data never changes while the
   * hub runs) and sent from this text to every console that asks.
   */
  fullAnswer(): PreSerialized {
    this.answer ??= new PreSerialized(`{"ok":true,${JSON.stringify(this.data).slice(1)}`)
    return this.answer
  }

  /** The grid whose polygon holds the point, or null when it lies outside every grid. */
  findGrid(point: LngLat): GridProperties | null {
    return this.gridIndex.findGrid(point)
  }

  static async load(referencePath: string, unitsPath: string): Promise<HubReference> {
    const reference = ReferenceData.safeParse(await readJson(referencePath))
    if (!reference.success) throw new Error(`reference ${referencePath} is invalid: ${reference.error.message}`)
    const units = UnitSeeds.safeParse(await readJson(unitsPath))
    if (!units.success) throw new Error(`units ${unitsPath} are invalid: ${units.error.message}`)
    return new HubReference(reference.data, units.data)
  }
}
