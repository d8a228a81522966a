// The committed files parse with their schemas, are what the builder makes, and the builder is
// deterministic and refuses bad source data.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { ReferenceData } from '../../src-shared/protocol'
import { UnitSeed, UnitSeeds } from '../../src-shared/reference'
import { type BuildOutput, buildReference, serialize } from '../../scripts/reference/build'
import { DEFAULT_GEO_DIR, loadSource, parseSource } from '../../scripts/reference/source'
import { readReferenceText } from './load'

let first: BuildOutput

beforeAll(() => {
  first = buildReference(loadSource())
})

describe('reference files', () => {
  it('parse with ReferenceData and UnitSeed', () => {
    const { referenceJson, unitsJson } = readReferenceText()
    expect(ReferenceData.safeParse(JSON.parse(referenceJson)).success).toBe(true)
    const units: unknown[] = JSON.parse(unitsJson)
    expect(units.length).toBeGreaterThan(0)
    for (const u of units) expect(UnitSeed.safeParse(u).success).toBe(true)
  })

  it('are exactly what the builder produces (run `npm run reference` after changing it)', () => {
    const built = serialize(first)
    const files = readReferenceText()
    expect(files.referenceJson === built.referenceJson).toBe(true)
    expect(files.unitsJson === built.unitsJson).toBe(true)
  })

  it('stay small enough to ship and send (< 4 MB)', () => {
    const { referenceJson } = readReferenceText()
    expect(Buffer.byteLength(referenceJson)).toBeLessThan(4 * 1024 * 1024)
  })
})

describe('builder', () => {
  it('is deterministic: two builds give identical JSON', () => {
    const second = buildReference(loadSource())
    expect(serialize(second).referenceJson === serialize(first).referenceJson).toBe(true)
    expect(serialize(second).unitsJson === serialize(first).unitsJson).toBe(true)
  })

  it('versions by content: dc-1- and 8 hex digits, changing with the data', () => {
    expect(first.reference.version).toMatch(/^dc-1-[0-9a-f]{8}$/)
    const source = loadSource()
    source.streets = source.streets.slice(0, 3)
    const smaller = buildReference(source)
    expect(smaller.reference.version).toMatch(/^dc-1-[0-9a-f]{8}$/)
    expect(smaller.reference.version).not.toBe(first.reference.version)
  })

  it('rejects malformed source GeoJSON with a message naming the file', () => {
    const outline = JSON.parse(fs.readFileSync(path.join(DEFAULT_GEO_DIR, 'dongcheng-outline.geojson'), 'utf8'))
    const streets = JSON.parse(fs.readFileSync(path.join(DEFAULT_GEO_DIR, 'dongcheng-subdistricts.geojson'), 'utf8'))
    expect(() => parseSource({ type: 'FeatureCollection', features: [] }, outline)).toThrow(/sub-district GeoJSON/)
    expect(() => parseSource(streets, { type: 'FeatureCollection', features: [] })).toThrow(/district outline GeoJSON/)
    const badCode = structuredClone(streets)
    badCode.features[0].properties.code = 110101001007
    expect(() => parseSource(badCode, outline)).toThrow(/does not end in 000/)
    const dup = structuredClone(streets)
    dup.features[1].properties.code = dup.features[0].properties.code
    expect(() => parseSource(dup, outline)).toThrow(/duplicate/)
  })

  it('script exits non-zero and writes nothing when the source directory is missing', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ref-'))
    let status = 0
    let stderr = ''
    try {
      execFileSync('npx', ['tsx', 'scripts/build-reference.ts', path.join(out, 'missing'), out], {
        cwd: path.resolve(import.meta.dirname, '..', '..'),
        stdio: 'pipe'
      })
    } catch (err) {
      const e = err as { status: number; stderr: Buffer }
      status = e.status
      stderr = e.stderr.toString()
    }
    expect(status).toBe(1)
    expect(stderr).toMatch(/build-reference failed: cannot read .*dongcheng-subdistricts\.geojson/)
    expect(fs.readdirSync(out)).toEqual([])
    fs.rmSync(out, { recursive: true })
  })

  it('UnitSeeds rejects ids over 64 chars and unknown kinds', () => {
    const good = first.units[0]
    expect(UnitSeeds.safeParse([good]).success).toBe(true)
    expect(UnitSeeds.safeParse([{ ...good, id: 'x'.repeat(65) }]).success).toBe(false)
    expect(UnitSeeds.safeParse([{ ...good, kind: 'mayor' }]).success).toBe(false)
  })
})
