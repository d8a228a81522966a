import { describe, expect, it } from 'vitest'
import { screenBatch } from '../../../src-main/core/validate-changes'
import { makeIncident } from '../../fixtures/entities'
import { incidentChange, unitChange } from './changes'

const scope = new Set(['110101006'])

describe('screenBatch', () => {
  it('lets a clean batch through with its seq range', () => {
    const r = screenBatch([incidentChange('a', 1, 3), unitChange('u', 1, 4)], scope)
    expect(r.accepted).toHaveLength(2)
    expect(r.refused).toEqual([])
    expect([r.firstSeq, r.lastSeq]).toEqual([3, 4])
  })

  it('refuses each kind of bad change with a reason and keeps the good ones', () => {
    const good1 = incidentChange('good1', 1, 1)
    const good2 = incidentChange('good2', 1, 9)
    const badEnum = incidentChange('e', 1, 2, { status: 'vanished' })
    const nanCoord = incidentChange('n', 1, 3, { location: { lng: Number.NaN, lat: 39.9 } })
    const outOfRange = incidentChange('r', 1, 4, { location: { lng: 200, lat: 39.9 } })
    const huge = incidentChange('h', 1, 5, { description: 'x'.repeat(100_000) })
    const foreign = incidentChange('f', 1, 6, { gridCode: '110101007001001' })
    const mismatch = { ...incidentChange('m', 1, 7), id: 'other' }
    // foreign (seq 6) is well-formed: its seq counts for order even though scope refuses it
    const dupSeq = incidentChange('d', 1, 6)
    const back = incidentChange('b', 1, 5)
    const r = screenBatch(
      [good1, badEnum, nanCoord, outOfRange, huge, foreign, mismatch, 'garbage', null, dupSeq, back, good2, { seq: 10 }],
      scope
    )
    expect(r.accepted.map((c) => c.id)).toEqual(['good1', 'good2'])
    const reasons = r.refused.map((x) => x.reason)
    expect(r.refused).toHaveLength(11)
    expect(reasons.filter((x) => x.startsWith('schema:'))).toHaveLength(8)
    expect(reasons.some((x) => /status/.test(x))).toBe(true)
    expect(reasons.some((x) => /location\.lng/.test(x))).toBe(true)
    expect(reasons.some((x) => /description/.test(x))).toBe(true)
    expect(reasons).toContain("street 110101007 is outside this console's scope")
    expect(reasons).toContain('duplicate seq 6 in batch')
    expect(reasons).toContain('seq went back to 5 after 6')
    expect(r.refused.find((x) => x.id === 'e')?.seq).toBe(2)
    expect([r.firstSeq, r.lastSeq]).toEqual([1, 9])
  })

  it('checks units and handovers by their street; district units have none', () => {
    const other = { ...unitChange('u2', 1, 2) }
    if (other.data && other.entity === 'unit') other.data.streetCode = '110101009'
    const district = unitChange('u3', 1, 3)
    if (district.data && district.entity === 'unit') district.data.streetCode = null
    const r = screenBatch([unitChange('u1', 1, 1), other, district], scope)
    expect(r.accepted.map((c) => c.id)).toEqual(['u1', 'u3'])
  })

  it('does not check scope before a welcome, and deletions carry no street', () => {
    const foreign = incidentChange('f', 1, 1, { gridCode: '110101007001001' })
    expect(screenBatch([foreign], null).accepted).toHaveLength(1)
    expect(screenBatch([{ entity: 'incident', id: 'x', version: 2, seq: 2, data: null }], scope).accepted).toHaveLength(1)
  })

  it('never throws on hostile input', () => {
    const cyclic: Record<string, unknown> = { seq: 1 }
    cyclic.self = cyclic
    expect(() => screenBatch([cyclic, undefined, 42, [], { ...makeIncident(), entity: 'incident' }], scope)).not.toThrow()
  })
})
