// The wall's figure colours (issue 16 item 5): a table of figures in, a tone out, with the defaults
// and with limits from the settings; a settings update with crossed limits is refused whole.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src-main/core/settings'
import { Settings } from '../../../src-shared/api'
import { DEFAULT_FIGURE_THRESHOLDS, figureTone, resolveThresholds, type ThresholdFigure } from '../../../src-shared/domain'

describe('figureTone with the defaults', () => {
  const cases: [ThresholdFigure, number | null, string][] = [
    ['onTimeRate', 100, 'good'],
    ['onTimeRate', 80, 'good'],
    ['onTimeRate', 79.99, 'amber'],
    ['onTimeRate', 60, 'amber'],
    ['onTimeRate', 59.9, 'red'],
    ['onTimeRate', 47.3, 'red'], // the issue: 47.3% showed green
    ['onTimeRate', 0, 'red'],
    ['onTimeRate', null, 'neutral'], // nothing due yet: no verdict
    ['overdue', 0, 'good'], // the issue: 超期 0 stayed yellow
    ['overdue', 1, 'red'],
    ['overdue', 11, 'red'],
    ['urgent', 0, 'good'],
    ['urgent', 1, 'amber'],
    ['urgent', 9, 'amber']
  ]
  it.each(cases)('%s %s → %s', (figure, value, tone) => {
    expect(figureTone(figure, value, DEFAULT_FIGURE_THRESHOLDS)).toBe(tone)
  })
})

describe("figureTone with the centre's own limits", () => {
  const t = resolveThresholds({ onTimeRate: { amberBelow: 95, redBelow: 90 }, overdue: { amberAbove: 0, redAbove: 5 } })
  it.each([
    ['onTimeRate', 96, 'good'],
    ['onTimeRate', 92, 'amber'],
    ['onTimeRate', 85, 'red'],
    ['overdue', 0, 'good'],
    ['overdue', 3, 'amber'],
    ['overdue', 6, 'red'],
    ['urgent', 2, 'amber'] // not given: the default
  ] as [ThresholdFigure, number, string][])('%s %s → %s', (figure, value, tone) => {
    expect(figureTone(figure, value, t)).toBe(tone)
  })
  it('a count with no limit at all is neutral', () => {
    expect(figureTone('urgent', 4, resolveThresholds({ urgent: { amberAbove: null, redAbove: null } }))).toBe('neutral')
  })
  it('absent settings give the defaults', () => {
    expect(resolveThresholds(undefined)).toEqual(DEFAULT_FIGURE_THRESHOLDS)
    expect(resolveThresholds(Settings.parse(DEFAULT_SETTINGS).wallThresholds)).toEqual(DEFAULT_FIGURE_THRESHOLDS)
  })
})

describe('wallThresholds in the settings', () => {
  it('is optional (settings written before it still load) and settable', () => {
    expect(Settings.safeParse(DEFAULT_SETTINGS).success).toBe(true)
    const r = mergeSettings(DEFAULT_SETTINGS, { wallThresholds: { onTimeRate: { amberBelow: 90, redBelow: 70 } } })
    expect(r.ok).toBe(true)
    if (r.ok) expect(figureTone('onTimeRate', 75, resolveThresholds(r.value.wallThresholds))).toBe('amber')
  })
  it('refuses crossed limits or a rate past 100 as a whole, saying why', () => {
    const crossed = mergeSettings(DEFAULT_SETTINGS, { locale: 'en-US', wallThresholds: { onTimeRate: { amberBelow: 60, redBelow: 80 } } })
    expect(crossed.ok).toBe(false)
    if (!crossed.ok) expect(crossed.issues.join()).toMatch(/wallThresholds.*redBelow must not be above amberBelow/)
    const counts = mergeSettings(DEFAULT_SETTINGS, { wallThresholds: { overdue: { amberAbove: 5, redAbove: 2 } } })
    expect(counts.ok).toBe(false)
    const over = mergeSettings(DEFAULT_SETTINGS, { wallThresholds: { onTimeRate: { amberBelow: 180, redBelow: 60 } } })
    expect(over.ok).toBe(false)
    if (!over.ok) expect(over.issues.join()).toMatch(/wallThresholds\.onTimeRate\.amberBelow/)
  })
})
