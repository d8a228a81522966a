// Console settings: the defaults and how a partial update merges into them.
import { Settings } from '../../src-shared/api'

export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  basemap: { kind: 'none' },
  // The seat's map follows new urgent cases only when asked (the wall always does).
  flyToUrgent: false,
  wallDisplayId: null
}

/** Merges an update and checks the result; a bad update is an error, never half applied. */
export function mergeSettings(
  current: Settings,
  update: Partial<Settings>
): { ok: true; value: Settings } | { ok: false; issues: string[] } {
  const defined = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined))
  const parsed = Settings.safeParse({ ...current, ...defined })
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`.slice(0, 500)) }
}
