// `npm run reference`: builds resources/reference/reference.json and units.json from the demo
// geography. Usage: tsx scripts/build-reference.ts [geoDir] [outDir]
import fs from 'node:fs'
import path from 'node:path'
import { buildReference, serialize } from './reference/build'
import { DEFAULT_GEO_DIR, loadSource } from './reference/source'

const geoDir = process.argv[2] ?? DEFAULT_GEO_DIR
const outDir = process.argv[3] ?? path.resolve(import.meta.dirname, '..', 'resources', 'reference')

try {
  const out = buildReference(loadSource(geoDir))
  const { referenceJson, unitsJson } = serialize(out)
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, 'reference.json'), referenceJson)
  fs.writeFileSync(path.join(outDir, 'units.json'), unitsJson)
  const r = out.reference
  console.log(
    `reference ${r.version}: ${r.streets.length} streets, ${r.communities.length} communities, ` +
      `${r.grids.features.length} grids, ${r.categories.length} categories, ` +
      `${r.responsibilities.length} responsibility rows, ${out.units.length} units → ${outDir}`
  )
} catch (err) {
  console.error(`build-reference failed: ${(err as Error).message}`)
  process.exit(1)
}
