// Small SQL helpers the store's parts share: the entity tables, chunks of ids, placeholders.

/** Each entity kind's table (functional grids: rev 1.8, cache schema 5). */
export const TABLE = { incident: 'incidents', unit: 'units', handover: 'handovers', functionalGrid: 'functional_grids' } as const
export type EntityKind = keyof typeof TABLE

const CHUNK = 300

export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

export function marks(n: number): string {
  return new Array(n).fill('?').join(',')
}
