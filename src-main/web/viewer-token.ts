// The wall screens' token is kept in the data folder, so a wall browser's bookmark keeps
// working across restarts; the operator token is new on every start.
import { randomBytes } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { secureFolder } from '../core/data-folder'

export const VIEWER_TOKEN_FILE = 'web-viewer-token'

export function randomToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Reads the stored viewer token, or creates one (owner-readable only) when absent or unusable. */
export async function loadViewerToken(dataDir: string): Promise<string> {
  const file = path.join(dataDir, VIEWER_TOKEN_FILE)
  try {
    const stored = (await readFile(file, 'utf8')).trim()
    if (/^[A-Za-z0-9_-]{16,200}$/.test(stored)) return stored
  } catch {
    /* absent: create below */
  }
  const token = randomToken()
  await saveViewerToken(dataDir, token)
  return token
}

/** Keeps a (rotated) wall token, owner-readable only; written aside and renamed, so never half a token. */
export async function saveViewerToken(dataDir: string, token: string): Promise<void> {
  const file = path.join(dataDir, VIEWER_TOKEN_FILE)
  await secureFolder(dataDir)
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, `${token}\n`, { mode: 0o600 })
  await rename(temp, file)
}
