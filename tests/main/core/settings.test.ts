import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src-main/core/settings'

describe('settings', () => {
  it('defaults to zh-CN, no basemap, no fly-to on the seat, wall display picked automatically', () => {
    expect(DEFAULT_SETTINGS).toEqual({ locale: 'zh-CN', basemap: { kind: 'none' }, flyToUrgent: false, wallDisplayId: null })
  })
  it('merges a partial update and ignores undefined fields', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, { locale: 'en-US', flyToUrgent: undefined })
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, locale: 'en-US' } })
  })
  it('refuses a bad update as a whole, naming the field', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, { basemap: { kind: 'xyz', url: '', crs: 'wgs84' }, locale: 'en-US' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.join()).toMatch(/basemap\.url/)
  })
})
