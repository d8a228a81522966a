// Browser mode's secrets (the hub token, the wall and operator tokens of the web host) never come
// from argv, which every local user reads in `ps`: the environment, a --token-file of mode 600, or
// one JSON line on stdin (--token-stdin). The reading is src-shared/secrets/token-input.ts, the same
// code as the hub CLI's.
import * as fs from 'node:fs/promises'
import { z } from 'zod'
import * as input from '../../src-shared/secrets/token-input'

const Token = z.string().min(1).max(512)
export const WebSecrets = z
  .object({
    /** The hub's token (for --hub / GCC_HUB_URL). */
    token: Token.optional(),
    /** The wall screens' token of the web host (default: kept in the data folder). */
    viewerToken: Token.optional(),
    /** The operator page's token (default: random per start). */
    operatorToken: Token.optional()
  })
  .strict()
export type WebSecrets = z.infer<typeof WebSecrets>

export const SECRET_ENV: Readonly<Record<keyof WebSecrets, string>> = {
  token: 'GCC_HUB_TOKEN',
  viewerToken: 'GCC_VIEWER_TOKEN',
  operatorToken: 'GCC_OPERATOR_TOKEN'
}

/** The argv flags that used to carry a secret, and where each secret goes instead. */
export const SECRET_FLAGS: Readonly<Record<string, keyof WebSecrets>> = {
  token: 'token',
  'viewer-token': 'viewerToken',
  'operator-token': 'operatorToken'
}

const EXPECTED = '{"token":"…","viewerToken":"…","operatorToken":"…"} (each optional)'

/** The clear refusal of a secret-bearing flag: what to use instead. */
export function secretFlagMessage(flag: string): string {
  const field = SECRET_FLAGS[flag] ?? 'token'
  return (
    `--${flag} would put a secret on the command line, where every local user sees it (ps); it is not accepted. ` +
    `Give it as the environment variable ${SECRET_ENV[field]}, in a file of mode 600 named by --token-file FILE ` +
    `holding {"${field}":"…"}, or as that JSON line on stdin with --token-stdin`
  )
}

export function secretsFromEnv(env: NodeJS.ProcessEnv): WebSecrets {
  return input.tokensFromEnv(WebSecrets, env, SECRET_ENV)
}

export function secretsFromFile(path: string): Promise<WebSecrets> {
  return input.tokensFromFile(WebSecrets, fs, path, EXPECTED)
}

export function secretsFromStream(stream: NodeJS.ReadableStream, timeoutMs = 10_000): Promise<WebSecrets> {
  return input.tokensFromStream(WebSecrets, stream, EXPECTED, timeoutMs)
}
