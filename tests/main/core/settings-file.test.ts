// The settings file: a round trip keeps every field, the file is 0600 in a 0700 folder, a damaged
// file (bad JSON, a wrong field) is moved aside with the reason and the defaults come back, and
// the token never shows in what may be displayed or bundled.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS_FILE,
  fileTokenCipher,
  loadSettingsFile,
  saveSettingsFile,
  settingsPath,
  withoutSecrets,
  type SettingsFile
} from '../../../src-main/core/settings-file'
import { makeTempDir } from './temp-dir'

let temp: { dir: string; remove(): void }
beforeEach(() => (temp = makeTempDir('gcc-settings-')))
afterEach(() => temp.remove())

const FULL: SettingsFile = {
  version: 1,
  hub: { kind: 'hub', url: 'https://hub.example.cn:4000', token: fileTokenCipher.seal('secret-token-123') },
  seatName: '调度一席',
  dataDir: '/var/lib/gcc',
  display: { locale: 'en-US', basemap: { kind: 'xyz', url: 'http://tiles/{z}/{x}/{y}.png', crs: 'gcj02' }, flyToUrgent: true, wallDisplayId: 7 }
}

describe('settings file', () => {
  it('is the defaults when missing, and creates the folder 0700', async () => {
    const dir = path.join(temp.dir, 'fresh')
    const loaded = await loadSettingsFile(dir)
    expect(loaded).toEqual({ value: DEFAULT_SETTINGS_FILE, notice: null })
    expect(statSync(dir).mode & 0o777).toBe(0o700)
  })

  it('round-trips every field and writes the file 0600', async () => {
    await saveSettingsFile(temp.dir, FULL)
    expect(statSync(settingsPath(temp.dir)).mode & 0o777).toBe(0o600)
    expect(statSync(temp.dir).mode & 0o777).toBe(0o700)
    const loaded = await loadSettingsFile(temp.dir)
    expect(loaded).toEqual({ value: FULL, notice: null })
    // No temp file is left behind by the atomic write.
    expect(readdirSync(temp.dir)).toEqual(['settings.json'])
  })

  it('refuses to write a value that does not match the schema', async () => {
    const bad = { ...FULL, hub: { kind: 'hub', url: 'ftp://x', token: null } } as unknown as SettingsFile
    await expect(saveSettingsFile(temp.dir, bad)).rejects.toThrow()
  })

  it.each([
    ['not JSON', '{"version": 1, "hub": ', /not JSON/],
    ['a wrong field', JSON.stringify({ ...FULL, display: { ...FULL.display, locale: 'fr-FR' } }), /locale/],
    ['another version', JSON.stringify({ ...FULL, version: 9 }), /version/]
  ])('moves a damaged file (%s) aside and uses the defaults', async (_name, text, reason) => {
    writeFileSync(settingsPath(temp.dir), text)
    const loaded = await loadSettingsFile(temp.dir, () => Date.parse('2026-12-04T10:00:00Z'))
    expect(loaded.value).toEqual(DEFAULT_SETTINGS_FILE)
    expect(loaded.notice?.reason).toMatch(reason)
    expect(loaded.notice?.movedTo).toBe(path.join(temp.dir, 'settings.damaged-2026-12-04T10-00-00-000Z.json'))
    // The damaged text is kept for whoever supports the hall, and the next start is clean.
    expect(readFileSync(loaded.notice?.movedTo ?? '', 'utf8')).toBe(text)
    expect((await loadSettingsFile(temp.dir)).notice).toBeNull()
  })

  it('shows whether a token is set, never the token', () => {
    const shown = JSON.stringify(withoutSecrets(FULL))
    expect(shown).not.toContain('secret-token-123')
    expect(shown).toContain('(set)')
  })
})
