// Attack: point a built console's window at another page through ELECTRON_RENDERER_URL. The variable
// is read only when electron-vite builds for development (import.meta.env.DEV), so a production build
// does not contain the name at all. Needs `npx electron-vite build` first; skipped without out/main.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const OUT = path.resolve('out/main')

describe('ELECTRON_RENDERER_URL in a production build', () => {
  it.skipIf(!existsSync(OUT))('is not read by the built main process', () => {
    const bundles = readdirSync(OUT).filter((f) => f.endsWith('.js'))
    expect(bundles.length).toBeGreaterThan(0)
    for (const f of bundles) expect(readFileSync(path.join(OUT, f), 'utf8'), f).not.toContain('ELECTRON_RENDERER_URL')
    // And the source still honours it in development.
    expect(readFileSync('src-main/electron/main.ts', 'utf8')).toMatch(/import\.meta\.env\.DEV \? process\.env\.ELECTRON_RENDERER_URL/)
  })
})
