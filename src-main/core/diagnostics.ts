// The diagnostics bundle (issue 12): one zip for whoever supports the hall — the log files (already
// redacted when written), the versions, the settings without the token, the app's setup and the
// sync state (link, lastSeq, outbox by id and state; no case text). Written into
// <data folder>/diagnostics/ with mode 0600.
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { zipSync, strToU8 } from 'fflate'

export type DiagnosticsInput = {
  outDir: string
  logDir: string
  versions: Record<string, string>
  /** The settings file as withoutSecrets() gives it. */
  settings: Record<string, unknown>
  setup: unknown
  /** Status and outbox summary from the running core, or why there is none. */
  sync: unknown
  now?: () => number
  /** Logs beyond this many bytes (newest kept first) are left out. */
  maxLogBytes?: number
}

const MAX_LOG_BYTES = 64 * 1024 * 1024

export async function writeDiagnosticsBundle(input: DiagnosticsInput): Promise<{ path: string; bytes: number }> {
  const now = input.now ?? Date.now
  const files: Record<string, Uint8Array> = {}
  const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`)
  files['versions.json'] = json(input.versions)
  files['settings.json'] = json(input.settings)
  files['setup.json'] = json(input.setup)
  files['sync-state.json'] = json(input.sync)

  const names = (await readdir(input.logDir).catch(() => [] as string[])).filter((f) => f.endsWith('.log'))
  const logs = await Promise.all(
    names.map(async (f) => ({ f, info: await stat(path.join(input.logDir, f)).catch(() => null) }))
  )
  let budget = input.maxLogBytes ?? MAX_LOG_BYTES
  for (const { f, info } of logs.filter((l) => l.info !== null).sort((a, b) => (b.info?.mtimeMs ?? 0) - (a.info?.mtimeMs ?? 0))) {
    if (!info || info.size > budget) continue
    budget -= info.size
    files[`logs/${f}`] = new Uint8Array(await readFile(path.join(input.logDir, f)))
  }
  const zip = zipSync(files, { level: 6 })
  await mkdir(input.outDir, { recursive: true, mode: 0o700 })
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-')
  const file = path.join(input.outDir, `gcc-diagnostics-${stamp}.zip`)
  await writeFile(file, zip, { mode: 0o600 })
  return { path: file, bytes: zip.byteLength }
}
