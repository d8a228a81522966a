// Builds the two plain-Node programs of the app to JavaScript (issue 12), so nothing needs tsx or
// the TypeScript sources at run time: the demo hub (out/hub/cli.mjs, run by the console with plain
// node, or in an Electron utility process through out/hub/entry.mjs) and browser mode (out/web/cli.mjs). Dependencies stay external:
// they come from the app's production node_modules (sqlite3 is native and cannot be bundled).
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
}

await build({ ...common, entryPoints: [path.join(root, 'src-hub/cli.ts')], outfile: path.join(root, 'out/hub/cli.mjs') })
// The first module of the hub's Electron utility process: hands the posted token to the hub's stdin.
await build({ ...common, entryPoints: [path.join(root, 'src-main/core/demo-hub-entry.ts')], outfile: path.join(root, 'out/hub/entry.mjs') })
await build({ ...common, entryPoints: [path.join(root, 'src-main/web/cli.ts')], outfile: path.join(root, 'out/web/cli.mjs') })
console.log('built out/hub/cli.mjs, out/hub/entry.mjs and out/web/cli.mjs')
