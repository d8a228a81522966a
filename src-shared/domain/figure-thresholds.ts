// When a key figure on the wall reads good, amber or red (issue 16 item 5): one rule, its defaults and
// the centre's own limits from the settings (Settings.wallThresholds). A rate is in percent (the
// figures table's FigureRates: 62.5 for 5/8) and turns amber or red *below* a limit; a count (超期,
// 紧急) turns amber or red *above* one. Pure: the wall's strip and its street ranking both ask it.

/** 按期结案率 and other rates: amber below `amberBelow`, red below `redBelow` (percent, 0–100). */
export type RateThreshold = { amberBelow: number; redBelow: number }
/** Counts: amber above `amberAbove`, red above `redAbove`; null: that colour is never used. */
export type CountThreshold = { amberAbove: number | null; redAbove: number | null }

export type FigureThresholds = {
  onTimeRate: RateThreshold
  overdue: CountThreshold
  urgent: CountThreshold
}

/** The figures a threshold applies to. */
export type ThresholdFigure = keyof FigureThresholds

/** 'neutral': no rule or nothing to judge (a rate with nothing due yet); 'good': within every limit. */
export type FigureTone = 'neutral' | 'good' | 'amber' | 'red'

/**
 * Defaults (the example and common practice in the hall): 按期结案率 under 80% amber, under
 * 60% red; any 超期 case red; any open 紧急 case amber (it needs eyes, not yet a failure).
 */
export const DEFAULT_FIGURE_THRESHOLDS: FigureThresholds = {
  onTimeRate: { amberBelow: 80, redBelow: 60 },
  overdue: { amberAbove: null, redAbove: 0 },
  urgent: { amberAbove: 0, redAbove: null }
}

/** The settings' thresholds where given, the defaults for the rest. */
export function resolveThresholds(given: Partial<FigureThresholds> | undefined | null): FigureThresholds {
  return { ...DEFAULT_FIGURE_THRESHOLDS, ...(given ?? {}) }
}

function rateTone(ratePercent: number | null, t: RateThreshold): FigureTone {
  if (ratePercent === null || Number.isNaN(ratePercent)) return 'neutral'
  if (ratePercent < t.redBelow) return 'red'
  if (ratePercent < t.amberBelow) return 'amber'
  return 'good'
}

function countTone(count: number, t: CountThreshold): FigureTone {
  if (t.redAbove !== null && count > t.redAbove) return 'red'
  if (t.amberAbove !== null && count > t.amberAbove) return 'amber'
  return t.redAbove === null && t.amberAbove === null ? 'neutral' : 'good'
}

/** The tone of one figure: a rate in percent (null when nothing was due) or a count. */
export function figureTone(figure: ThresholdFigure, value: number | null, thresholds: FigureThresholds): FigureTone {
  if (figure === 'onTimeRate') return rateTone(value, thresholds.onTimeRate)
  return value === null ? 'neutral' : countTone(value, thresholds[figure])
}

/** Why a set of thresholds cannot be used (a red limit that is not past the amber one), or null. */
export function thresholdProblem(t: Partial<FigureThresholds>): string | null {
  if (t.onTimeRate && t.onTimeRate.redBelow > t.onTimeRate.amberBelow) {
    return 'onTimeRate: redBelow must not be above amberBelow'
  }
  for (const key of ['overdue', 'urgent'] as const) {
    const c = t[key]
    if (c && c.redAbove !== null && c.amberAbove !== null && c.redAbove < c.amberAbove) {
      return `${key}: redAbove must not be below amberAbove`
    }
  }
  return null
}
