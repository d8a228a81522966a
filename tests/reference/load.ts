// Reads the committed reference files once per test file, parsed with their schemas.
import fs from 'node:fs'
import path from 'node:path'
import { ReferenceData } from '../../src-shared/protocol'
import { UnitSeeds } from '../../src-shared/reference'

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '..', '..', 'resources', 'reference')

export function readReferenceText(): { referenceJson: string; unitsJson: string } {
  return {
    referenceJson: fs.readFileSync(path.join(REFERENCE_DIR, 'reference.json'), 'utf8'),
    unitsJson: fs.readFileSync(path.join(REFERENCE_DIR, 'units.json'), 'utf8')
  }
}

export function loadReference(): { reference: ReferenceData; units: UnitSeeds } {
  const { referenceJson, unitsJson } = readReferenceText()
  return { reference: ReferenceData.parse(JSON.parse(referenceJson)), units: UnitSeeds.parse(JSON.parse(unitsJson)) }
}
