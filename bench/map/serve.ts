// Builds the map bench page with Vite (production build, the same module graph as the renderer)
// into a temp folder and serves it on 127.0.0.1:0. A build, not the dev server: no file watcher
// or HMR can reload the page mid-measurement, and the code is what the console ships.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build, preview } from 'vite'

export async function serveMapBench(): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(import.meta.dirname, '.')
  const outDir = mkdtempSync(join(tmpdir(), 'gcc-map-bench-'))
  await build({ root, configFile: false, logLevel: 'warn', base: './', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false }
  })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('bench server has no port')
  return {
    url: `http://127.0.0.1:${address.port}/index.html`,
    close: async () => {
      await server.close()
      rmSync(outDir, { recursive: true, force: true })
    }
  }
}
