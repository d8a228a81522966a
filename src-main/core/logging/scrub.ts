// What must never reach a log file: tokens (the hub's, the web host's, the viewer's) and what
// people wrote in a case (titles, addresses, notes). Keys are redacted by pino; this scrubber is the
// second net for secrets that slipped into a message string (a URL with ?token=, an error text).

/** Object keys whose values are replaced by pino's redaction, at the top level and one level down. */
export const REDACTED_KEYS = [
  'token',
  'viewerToken',
  'operatorToken',
  'auth',
  'password',
  'authorization',
  'title',
  'address',
  'text',
  'description',
  'note',
  'instructions',
  'reasonText',
  'payload'
] as const

export function redactPaths(): string[] {
  return REDACTED_KEYS.flatMap((k) => [k, `*.${k}`])
}

const TOKEN_IN_URL = /([?&](?:token|access_token)=)[^&\s"']+/gi

export class Scrubber {
  private readonly secrets = new Set<string>()

  /** Registers a value that must never be written (shorter ones would blank ordinary words). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret)
  }

  scrub(line: string): string {
    let out = line.replace(TOKEN_IN_URL, '$1[redacted]')
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('[redacted]')
    return out
  }
}
