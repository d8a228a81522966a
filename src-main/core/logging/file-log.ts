// The console's log files (issue 12): pino, JSON lines, into <data folder>/logs, rolled daily and
// at a size cap by pino-roll, kept 14 days and under a total cap by a sweep. Redacted by key and
// scrubbed of known secrets before anything is written. One file family per process: `console`
// (main or browser-mode core and web host; the demo hub's lines come in through it) and `hub`.
import { readdir, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { pino, type Logger } from 'pino'
import roll from 'pino-roll'
import type { Log } from '../log'
import { Scrubber, redactPaths } from './scrub'

export type FileLogOptions = {
  dir: string
  /** File family: logs/<name>.<date>.<n>.log */
  name: string
  level?: 'debug' | 'info' | 'warn' | 'error'
  /** 'daily' (default) or milliseconds, for tests. */
  frequency?: 'daily' | number
  /** Size cap of one file, pino-roll units ('10m'). */
  size?: string
  keepDays?: number
  /** All files of the family together stay under this many bytes. */
  maxTotalBytes?: number
  /** Also hand each (already scrubbed) line here, e.g. stderr for a terminal. */
  echo?: (line: string) => void
  now?: () => number
}

export type FileLog = {
  dir: string
  log: Log
  logger: Logger
  /** A value that must never appear in the files (a token). */
  addSecret(secret: string | null | undefined): void
  /** Removes files older than keepDays and the oldest beyond the total cap. */
  sweep(): Promise<void>
  close(): Promise<void>
}

export const KEEP_DAYS = 14
export const FILE_SIZE = '10m'
export const MAX_TOTAL_BYTES = 200 * 1024 * 1024
const SWEEP_EVERY_MS = 6 * 60 * 60 * 1000

type RollStream = { write(chunk: string): boolean; end(): void; flushSync?(): void; once(event: string, cb: () => void): void }

export async function openFileLog(opts: FileLogOptions): Promise<FileLog> {
  const scrubber = new Scrubber()
  const now = opts.now ?? Date.now
  const stream = (await roll({
    file: path.join(opts.dir, opts.name),
    extension: '.log',
    frequency: opts.frequency ?? 'daily',
    size: opts.size ?? FILE_SIZE,
    dateFormat: 'yyyy-MM-dd',
    mkdir: true,
    // Day files of earlier runs count too, so a PC restarted daily does not keep them forever.
    limit: { count: (opts.keepDays ?? KEEP_DAYS) * 4, removeOtherLogFiles: true }
  })) as unknown as RollStream
  const destination = {
    write: (chunk: string): void => {
      const line = scrubber.scrub(chunk)
      stream.write(line)
      opts.echo?.(line)
    }
  }
  const logger = pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid, proc: opts.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths(), censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) }
    },
    destination
  )

  const keepMs = (opts.keepDays ?? KEEP_DAYS) * 24 * 60 * 60 * 1000
  const maxTotal = opts.maxTotalBytes ?? MAX_TOTAL_BYTES
  const sweep = async (): Promise<void> => {
    const files = await readdir(opts.dir).catch(() => [] as string[])
    const family = await Promise.all(
      files
        .filter((f) => f.startsWith(`${opts.name}.`) && f.endsWith('.log'))
        .map(async (f) => {
          const full = path.join(opts.dir, f)
          const info = await stat(full).catch(() => null)
          return info ? { full, mtime: info.mtimeMs, size: info.size } : null
        })
    )
    const live = family.filter((f): f is NonNullable<typeof f> => f !== null).sort((a, b) => a.mtime - b.mtime)
    let total = live.reduce((sum, f) => sum + f.size, 0)
    for (const [i, f] of live.entries()) {
      // The newest file is the one being written: never removed.
      if (i === live.length - 1) break
      if (now() - f.mtime > keepMs || total > maxTotal) {
        await unlink(f.full).catch(() => undefined)
        total -= f.size
      }
    }
  }
  await sweep()
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS)
  timer.unref()

  const log: Log = (level, msg, data) => {
    if (data) logger[level](data, msg)
    else logger[level](msg)
  }
  return {
    dir: opts.dir,
    log,
    logger,
    addSecret: (s) => scrubber.add(s),
    sweep,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer)
        stream.once('close', () => resolve())
        stream.once('error', () => resolve())
        stream.end()
      })
  }
}
