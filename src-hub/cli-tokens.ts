// Where the hub CLI takes its lead and viewer tokens from, never the command line (any local user
// sees argv in `ps`): the environment (GCC_HUB_TOKEN, GCC_HUB_VIEWER_TOKEN), a file only its owner
// can read (--token-file, mode 0600), or one JSON line on stdin (--token-stdin, how a console hands
// its demo hub the token). The reading itself is src-shared/secrets/token-input.ts (also browser mode's).
import * as fs from 'node:fs/promises'
import { z } from 'zod'
import * as input from '../src-shared/secrets/token-input'

export const CliTokens = z
  .object({
    token: z.string().min(8).max(512).optional(),
    viewerToken: z.string().min(8).max(512).optional()
  })
  .strict()
export type CliTokens = z.infer<typeof CliTokens>

const EXPECTED = '{"token":"…","viewerToken":"…"}'

export function tokensFromFile(path: string): Promise<CliTokens> {
  return input.tokensFromFile(CliTokens, fs, path, EXPECTED)
}

export function tokensFromStream(stream: NodeJS.ReadableStream, timeoutMs = 10_000): Promise<CliTokens> {
  return input.tokensFromStream(CliTokens, stream, EXPECTED, timeoutMs)
}

export function tokensFromEnv(env: NodeJS.ProcessEnv): CliTokens {
  return input.tokensFromEnv(CliTokens, env, { token: 'GCC_HUB_TOKEN', viewerToken: 'GCC_HUB_VIEWER_TOKEN' })
}
