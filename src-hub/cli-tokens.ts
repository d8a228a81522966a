// Where the hub CLI takes its lead and viewer tokens from, never the command line (any local user
// sees argv in `ps`): the environment (GCC_HUB_TOKEN, GCC_HUB_VIEWER_TOKEN), a file only its owner
// can read (--token-file, mode 0600), or one JSON line on stdin (--token-stdin, how a console hands
// its demo hub the token).
import { readFile, stat } from 'node:fs/promises'
import { z } from 'zod'

export const CliTokens = z
  .object({
    token: z.string().min(8).max(512).optional(),
    viewerToken: z.string().min(8).max(512).optional()
  })
  .strict()
export type CliTokens = z.infer<typeof CliTokens>

function parse(text: string, from: string): CliTokens {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new Error(`${from}: not JSON (${(err as Error).message}); expected {"token":"…","viewerToken":"…"}`)
  }
  const parsed = CliTokens.safeParse(raw)
  if (!parsed.success) throw new Error(`${from}: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

/** Tokens from a file that must not be readable or writable by group or others. */
export async function tokensFromFile(path: string): Promise<CliTokens> {
  const info = await stat(path).catch((err: unknown) => {
    throw new Error(`--token-file ${path}: ${(err as Error).message}`)
  })
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`--token-file ${path} has mode ${(info.mode & 0o777).toString(8)}; make it 600 (chmod 600 ${path}) so only you can read it`)
  }
  return parse(await readFile(path, 'utf8'), `--token-file ${path}`)
}

/** One JSON line from a stream (the rest, if any, is ignored); fails after `timeoutMs` without a line. */
export function tokensFromStream(stream: NodeJS.ReadableStream, timeoutMs = 10_000): Promise<CliTokens> {
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
        done(() => resolve(parse(line, '--token-stdin')))
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

export function tokensFromEnv(env: NodeJS.ProcessEnv): CliTokens {
  const out: Record<string, string> = {}
  if (env.GCC_HUB_TOKEN) out.token = env.GCC_HUB_TOKEN
  if (env.GCC_HUB_VIEWER_TOKEN) out.viewerToken = env.GCC_HUB_VIEWER_TOKEN
  return parse(JSON.stringify(out), 'GCC_HUB_TOKEN / GCC_HUB_VIEWER_TOKEN')
}
