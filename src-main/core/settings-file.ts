// The one settings file of an installation (issue 12): settings.json in the data folder, checked
// with zod on every read. Folder 0700, file 0600, written atomically (temp file + rename) so a crash
// mid-write leaves the old file. A damaged file is moved aside and the defaults are used; the caller
// tells the person. The hub token is stored through a TokenCipher: Electron's safeStorage (OS
// keychain/DPAPI) where available, else as plain text in the 0600 file (browser mode).
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { HubUrl, SeatName, Settings } from '../../src-shared/api'
import { DEFAULT_SETTINGS } from './settings'

export const SETTINGS_FILE_NAME = 'settings.json'

/** How the token sits in the file: plain (0600 file) or sealed by the OS through safeStorage. */
export const StoredToken = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plain'), value: z.string().min(1).max(512) }),
  z.object({ kind: z.literal('safeStorage'), data: z.base64().max(8192) })
])
export type StoredToken = z.infer<typeof StoredToken>

export const SettingsFile = z.object({
  version: z.literal(1),
  hub: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('demo') }),
    z.object({ kind: z.literal('hub'), url: HubUrl, token: StoredToken.nullable() })
  ]),
  seatName: SeatName,
  /** Where the cache, the demo hub's database and the logs go; null: beside this file. */
  dataDir: z.string().min(1).max(4000).nullable(),
  /** What the renderer reads with getSettings: language, basemap, wall display, map follow. */
  display: Settings
})
export type SettingsFile = z.infer<typeof SettingsFile>

export const DEFAULT_SETTINGS_FILE: SettingsFile = {
  version: 1,
  hub: { kind: 'none' },
  seatName: '',
  dataDir: null,
  display: DEFAULT_SETTINGS
}

export type TokenCipher = {
  kind: 'safeStorage' | 'file'
  seal(token: string): StoredToken
  /** The token, or null when it cannot be opened here (another user's keychain, a new PC). */
  open(stored: StoredToken): string | null
}

/** Browser mode: the token is kept as text in the 0600 settings file. */
export const fileTokenCipher: TokenCipher = {
  kind: 'file',
  seal: (token) => ({ kind: 'plain', value: token }),
  open: (stored) => (stored.kind === 'plain' ? stored.value : null)
}

export type LoadedSettings = {
  value: SettingsFile
  /** Set when the file was damaged and moved aside. */
  notice: { movedTo: string; reason: string } | null
}

export function settingsPath(dir: string): string {
  return path.join(dir, SETTINGS_FILE_NAME)
}

/** The data folder (0700), created if missing. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/** Reads and checks the file; a missing file is the defaults, a damaged one is moved aside. */
export async function loadSettingsFile(dir: string, now: () => number = Date.now): Promise<LoadedSettings> {
  await ensurePrivateDir(dir)
  const file = settingsPath(dir)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: structuredClone(DEFAULT_SETTINGS_FILE), notice: null }
    throw err
  }
  let reason: string
  try {
    const parsed = SettingsFile.safeParse(JSON.parse(text))
    if (parsed.success) return { value: parsed.data, notice: null }
    reason = z.prettifyError(parsed.error)
  } catch (err) {
    reason = `not JSON: ${err instanceof Error ? err.message : String(err)}`
  }
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-')
  const movedTo = path.join(dir, `settings.damaged-${stamp}.json`)
  await rename(file, movedTo)
  await chmod(movedTo, 0o600).catch(() => undefined)
  return { value: structuredClone(DEFAULT_SETTINGS_FILE), notice: { movedTo, reason: reason.slice(0, 1000) } }
}

/** Checks and writes the whole file atomically with mode 0600. */
export async function saveSettingsFile(dir: string, value: SettingsFile): Promise<void> {
  const checked = SettingsFile.parse(value)
  await ensurePrivateDir(dir)
  const file = settingsPath(dir)
  const temp = `${file}.${process.pid}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(`${JSON.stringify(checked, null, 2)}\n`, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await chmod(temp, 0o600)
  await rename(temp, file)
}

/** The file as it may be shown or bundled: the token replaced by whether one is set. */
export function withoutSecrets(value: SettingsFile): Record<string, unknown> {
  const hub = value.hub.kind === 'hub' ? { kind: 'hub', url: value.hub.url, token: value.hub.token ? '(set)' : null } : value.hub
  return { ...value, hub }
}
