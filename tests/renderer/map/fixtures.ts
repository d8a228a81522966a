// Case summaries for map and wall tests, built from the shared entity fixture.
import { summarize, type IncidentSummary } from '../../../src-shared/api'
import type { Incident } from '../../../src-shared/protocol'
import { makeIncident } from '../../fixtures/entities'

export function summary(overrides: Partial<Incident> = {}): IncidentSummary {
  return summarize(makeIncident(overrides))
}

export const NOW = Date.parse('2026-11-22T06:00:00.000Z')
export const HOUR = 3_600_000
export const iso = (ms: number): string => new Date(ms).toISOString()
