// Synthetic case summaries spread over the real unit grids, deterministic (seeded), for the map
// benchmark and screenshots of the map alone.
import type { IncidentSummary } from '../../src-shared/api'
import type { FunctionalGrid, IncidentStatus, ReferenceData, Urgency } from '../../src-shared/protocol'
import { labelPoint } from '../../src-renderer/map/reference-features'

export function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let x = s
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const STATUSES: IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'escalated', 'suspended']

export type Synth = { make: (i: number, now: number) => IncidentSummary; grids: { code: string; at: [number, number] }[] }

/**
 * `openShare`: the share of cases still open (a district's cache holds a year, mostly closed:
 * about 0.08); the rest are closed, with a few rejected and merged. 1 makes every case open.
 */
export function synthesizer(reference: ReferenceData, seed = 7, openShare = 1): Synth {
  const grids = reference.grids.features.map((g) => ({ code: g.properties.code, at: labelPoint(g.geometry) }))
  const cats = reference.categories.map((c) => c.code)
  const make = (i: number, now: number): IncidentSummary => {
    const r = prng(seed * 1_000_003 + i)
    const grid = grids[Math.floor(r() * grids.length)] ?? { code: '110101001001001', at: [116.4, 39.9] as [number, number] }
    const urgencyRoll = r()
    const urgency: Urgency = urgencyRoll < 0.04 ? 'urgent' : urgencyRoll < 0.2 ? 'important' : 'normal'
    const finished = r() >= openShare
    const finishRoll = r()
    const status: IncidentStatus = finished
      ? finishRoll < 0.9
        ? 'closed'
        : finishRoll < 0.96
          ? 'rejected'
          : 'merged'
      : (STATUSES[Math.floor(r() * STATUSES.length)] ?? 'accepted')
    // Open cases are recent; finished ones spread over the year the cache holds.
    const reported = now - Math.floor(r() * (finished ? 365 : 3) * 86_400_000)
    const deadline = reported + Math.floor((0.5 + r() * 3) * 86_400_000)
    const iso = (ms: number): string => new Date(ms).toISOString()
    return {
      id: `bench-${i}`,
      version: 1,
      code: `DC-B-${i}`,
      status,
      urgency,
      categoryCode: cats[Math.floor(r() * cats.length)] ?? '0101',
      source: 'grid_worker',
      title: '合成案件',
      address: '',
      location: { lng: grid.at[0] + (r() - 0.5) * 0.0009, lat: grid.at[1] + (r() - 0.5) * 0.0007 },
      gridCode: grid.code,
      reportedAt: iso(reported),
      assignees: [],
      deadlineAt: status === 'reported' ? null : iso(deadline),
      mergedInto: status === 'merged' ? `bench-${(i + 1) % 1000}` : null,
      pausedAt: status === 'suspended' ? iso(now - 3_600_000) : null,
      claimedBy: null,
      counters: { returns: 0, reworks: 0, urges: 0, extensions: 0 },
      updatedAt: iso(finished ? Math.min(now, deadline) : reported),
      escalationLevel: status === 'escalated' ? 'district' : null
    }
  }
  return { make, grids }
}

/** `n` functional grids active around `now`, one over each of the reference's first `n` communities (rev 1.8). */
export function benchFunctionalGrids(reference: ReferenceData, n: number, now: number): FunctionalGrid[] {
  const iso = (ms: number): string => new Date(ms).toISOString()
  return reference.communities.slice(0, n).map((c, i) => {
    const gridCodes = reference.grids.features.filter((g) => g.properties.communityCode === c.code).map((g) => g.properties.code)
    return {
      id: `bench-fg-${i}`,
      version: 1,
      seq: i + 1,
      name: `专项 ${i + 1}`,
      purpose: 'bench',
      fromAt: iso(now - 3_600_000),
      toAt: iso(now + 7 * 86_400_000),
      endedAt: null,
      endReason: null,
      unitIds: ['bench-unit'],
      gridCodes: gridCodes.length > 0 ? gridCodes : ['110101001001001'],
      streetCodes: [c.streetCode],
      createdBy: { userId: 'bench', name: 'bench' },
      createdAt: iso(now - 3_600_000),
      updatedAt: iso(now - 3_600_000)
    }
  })
}
