// Where a command line program takes its secrets from — never argv, which every local user reads in
// `ps`: the environment, a file only its owner can read (mode 0600), or one JSON line on stdin.
// One place for the hub CLI (src-hub/cli-tokens.ts) and browser mode (src-main/web/cli-secrets.ts):
// each passes its own schema, and the file system and stream it reads from (this folder has no Node).
import { z } from 'zod'

/** What `--token-file` needs of the file system (node:fs/promises satisfies it). */
export type SecretFileSystem = {
  stat(path: string): Promise<{ mode: number }>
  readFile(path: string, encoding: 'utf8'): Promise<string>
}

/** Why a file of this mode may not hold secrets (group or others may read or write it), or null. */
export function secretFileModeProblem(path: string, mode: number, flag = '--token-file'): string | null {
  if ((mode & 0o077) === 0) return null
  return `${flag} ${path} has mode ${(mode & 0o777).toString(8)}; make it 600 (chmod 600 ${path}) so only you can read it`
}

/** Parses one JSON object of tokens; the message names where it came from and what was expected. */
export function parseTokenJson<T extends z.ZodType>(schema: T, text: string, from: string, expected: string): z.infer<T> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new Error(`${from}: not JSON (${(err as Error).message}); expected ${expected}`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new Error(`${from}: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

/** Tokens from a file that must not be readable or writable by group or others. */
export async function tokensFromFile<T extends z.ZodType>(schema: T, fs: SecretFileSystem, path: string, expected: string): Promise<z.infer<T>> {
  const info = await fs.stat(path).catch((err: unknown) => {
    throw new Error(`--token-file ${path}: ${(err as Error).message}`)
  })
  const problem = secretFileModeProblem(path, info.mode)
  if (problem !== null) throw new Error(problem)
  return parseTokenJson(schema, await fs.readFile(path, 'utf8'), `--token-file ${path}`, expected)
}

/** One JSON line from a stream (the rest, if any, is ignored); fails after `timeoutMs` without a line. */
export function tokensFromStream<T extends z.ZodType>(
  schema: T,
  stream: NodeJS.ReadableStream,
  expected: string,
  timeoutMs = 10_000
): Promise<z.infer<T>> {
  return new Promise((resolve, reject) => {
    let text = ''
    const done = (fn: () => void): void => {
      clearTimeout(timer)
      stream.removeListener('data', onData)
      stream.removeListener('end', onEnd)
      stream.pause()
      fn()
    }
    const finish = (): void => {
      try {
        const line = text.split('\n')[0] ?? ''
        const value = parseTokenJson(schema, line, '--token-stdin', expected)
        done(() => resolve(value))
      } catch (err) {
        done(() => reject(err as Error))
      }
    }
    const onData = (chunk: Buffer | string): void => {
      text += String(chunk)
      if (text.length > 4096) done(() => reject(new Error('--token-stdin: the line is over 4 KiB')))
      else if (text.includes('\n')) finish()
    }
    const onEnd = (): void => finish()
    const timer = setTimeout(() => done(() => reject(new Error(`--token-stdin: no line within ${timeoutMs} ms`))), timeoutMs)
    stream.on('data', onData)
    stream.on('end', onEnd)
  })
}

/** Tokens from environment variables: `names` maps each field to its variable; empty ones are absent. */
export function tokensFromEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, names: Record<string, string>): z.infer<T> {
  const out: Record<string, string> = {}
  for (const [field, variable] of Object.entries(names)) {
    const value = env[variable]
    if (value) out[field] = value
  }
  return parseTokenJson(schema, JSON.stringify(out), Object.values(names).join(' / '), 'tokens')
}
