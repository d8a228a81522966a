// A hub change the console refused, with enough of it kept to find the cause in the log.
export type Refusal = {
  seq: number | null
  entity: string | null
  id: string | null
  reason: string
  raw: unknown
}

const EXCERPT = 500

/** At most EXCERPT characters of the raw change, never throwing on odd values. */
export function excerpt(raw: unknown): string {
  let text: string
  try {
    text = JSON.stringify(raw) ?? String(raw)
  } catch {
    text = String(raw)
  }
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text
}

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined
}

export function refusal(raw: unknown, reason: string): Refusal {
  const seq = field(raw, 'seq')
  const entity = field(raw, 'entity')
  const id = field(raw, 'id')
  return {
    seq: typeof seq === 'number' && Number.isFinite(seq) ? seq : null,
    entity: typeof entity === 'string' ? entity.slice(0, 20) : null,
    id: typeof id === 'string' ? id.slice(0, 64) : null,
    reason,
    raw
  }
}
