// electron-builder.yml checked against electron-builder's own schema, with no build and no Electron
// binary (issue 12): what `npm run dist` would package, for which targets, and that a wrong key is
// refused (so the check can fail).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module script without types
import { checkBuilderConfig } from '../../scripts/check-builder-config.mjs'

type Config = Record<string, unknown> & {
  appId: string
  files: (string | { filter: string[] })[]
  asarUnpack: string[]
  win: { target: { target: string; arch: string[] }[] }
  nsis: { perMachine: boolean; oneClick: boolean; createDesktopShortcut: unknown; installerLanguages: string[] }
  linux: { target: string[] }
}
const check = checkBuilderConfig as (file?: string) => Promise<Config>

describe('electron-builder.yml', () => {
  it('passes the schema and names the installers of the issue', async () => {
    const c = await check()
    expect(c.appId).toBe('cn.gov.grid.command-console')
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(c.nsis).toMatchObject({ perMachine: true, oneClick: false, createDesktopShortcut: 'always', installerLanguages: ['zh_CN'] })
    expect(c.linux.target).toEqual(['AppImage', 'deb'])
    // The built app (out/**: main, preload, renderer, out/hub/cli.mjs and entry.mjs, out/web) and sqlite3 outside the asar.
    expect(c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter))).toContain('out/**')
    expect(c.asarUnpack).toContain('node_modules/sqlite3/**')
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder --config electron-builder.yml')
  })

  it('refuses a configuration with a key electron-builder does not know', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gcc-builder-'))
    try {
      const bad = path.join(dir, 'bad.yml')
      writeFileSync(bad, `${readFileSync('electron-builder.yml', 'utf8')}\nnsis2:\n  perMachine: true\n`)
      await expect(check(bad)).rejects.toThrow(/nsis2/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
