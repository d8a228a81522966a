// Validates electron-builder.yml against electron-builder's own schema without building anything
// (issue 12): `npm run dist` needs the Electron binary download, which some machines (this project's
// CI among them) do not have; this check needs none. Exit code 1 with the schema's message when the
// configuration is wrong. Usage: node scripts/check-builder-config.mjs [config.yml]
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
const { DebugLogger } = require('builder-util/out/DebugLogger')

/** The merged configuration (file + package.json), after electron-builder's schema check. */
export async function checkBuilderConfig(configPath = path.join(root, 'electron-builder.yml')) {
  const config = await getConfig(root, configPath, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : undefined
  checkBuilderConfig(file).then(
    (c) => console.log(`electron-builder configuration valid: ${c.appId}, targets win ${JSON.stringify(c.win?.target)}, linux ${JSON.stringify(c.linux?.target)}`),
    (err) => {
      console.error(`electron-builder configuration invalid:\n${err.message}`)
      process.exit(1)
    }
  )
}
