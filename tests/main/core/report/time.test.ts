// isoWithOffset builds the date part once per local day and the clock by hand (the CSV writes ~600,000
// instants a month): it must give exactly what the plain Date arithmetic gives, for any instant and zone.
import { describe, expect, it } from 'vitest'
import { isoOrNull, isoWithOffset } from '../../../../src-main/core/report/time'

function reference(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const abs = Math.abs(offsetMinutes)
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

describe('isoWithOffset', () => {
  it('equals the Date arithmetic over instants either side of midnights, years and the epoch', () => {
    const offsets = [480, 0, -300, 330, 345, -570, 840, -720]
    const instants = [0, -1, 1, 999, 1000, Date.parse('2026-11-30T15:59:59.999Z'), Date.parse('2026-11-30T16:00:00Z'), Date.parse('1969-12-31T23:59:59.500Z')]
    let x = 12345
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31 // a fixed pseudo-random walk, so a failure repeats
      instants.push(Date.parse('1990-01-01T00:00:00Z') + x * 997 + (x % 1000))
    }
    for (const ms of instants) for (const off of offsets) expect(isoWithOffset(ms, off), `${ms} ${off}`).toBe(reference(ms, off))
  })

  it('takes ISO text too, and null stays null', () => {
    expect(isoWithOffset('2026-11-30T04:00:00Z', 480)).toBe('2026-11-30T12:00:00+08:00')
    expect(isoWithOffset('2026-11-30T12:00:00.750+08:00', 480)).toBe('2026-11-30T12:00:00+08:00')
    expect(isoOrNull(null, 480)).toBeNull()
    expect(isoOrNull(Date.parse('2026-12-31T16:30:00Z'), 480)).toBe('2027-01-01T00:30:00+08:00')
  })

  it('refuses an instant that is not a time, as Date does', () => {
    expect(() => isoWithOffset('not a time', 480)).toThrow(RangeError)
    expect(() => isoWithOffset(Number.NaN, 480)).toThrow(RangeError)
  })
})
