// Serves the map bench page with Vite (the same module graph as the renderer) on 127.0.0.1:0.
import { resolve } from 'node:path'
import { createServer, type ViteDevServer } from 'vite'

export async function serveMapBench(): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(import.meta.dirname, '.')
  const server: ViteDevServer = await createServer({
    root,
    configFile: false,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [resolve(root, '../..')] } },
    // Every dependency listed up front: a late discovery would reload the page mid-measurement.
    optimizeDeps: { include: ['maplibre-gl', 'pmtiles', 'gcoord', 'zod'], noDiscovery: true }
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('bench server has no port')
  return { url: `http://127.0.0.1:${address.port}/index.html`, close: () => server.close() }
}
