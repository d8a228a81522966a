// Who may connect: the token table (from options or a JSON file) and the lookup the handshake uses.
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { Id, StreetCode, User } from '../src-shared/protocol'

export const TokenConfig = z.object({
  token: z.string().min(8).max(512),
  user: User,
  streets: z.union([z.literal('*'), z.array(StreetCode).max(1000)]),
  /** A unit user bound to one field unit may act only for that unit. */
  unitId: Id.optional(),
  /** Exempt from the per-console rate limit (the simulator's internal users). */
  unlimited: z.boolean().optional()
})
export type TokenConfig = z.infer<typeof TokenConfig>

export const TokensFile = z.array(TokenConfig).max(10_000)

export async function loadTokensFile(path: string): Promise<TokenConfig[]> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(path, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read tokens file ${path}: ${(err as Error).message}`)
  }
  const parsed = TokensFile.safeParse(raw)
  if (!parsed.success) throw new Error(`tokens file ${path} is invalid: ${parsed.error.message}`)
  return parsed.data
}

export class TokenTable {
  private readonly byToken = new Map<string, TokenConfig>()
  private readonly users = new Map<string, z.infer<typeof User>>()

  constructor(tokens: readonly TokenConfig[]) {
    for (const t of tokens) {
      const parsed = TokenConfig.parse(t)
      if (this.byToken.has(parsed.token)) throw new Error(`token for ${parsed.user.id} is listed twice`)
      this.byToken.set(parsed.token, parsed)
      this.users.set(parsed.user.id, parsed.user)
    }
  }

  lookup(token: string): TokenConfig | null {
    return this.byToken.get(token) ?? null
  }

  user(id: string): z.infer<typeof User> | null {
    return this.users.get(id) ?? null
  }

  all(): TokenConfig[] {
    return [...this.byToken.values()]
  }
}
