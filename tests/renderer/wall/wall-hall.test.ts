// The wall's hall parts (issue 16, k16c): its own language and theme from the URL, never the seat's
// settings; the centre's clock, zone and shift on a PC in UTC (and one west of it); the handover
// state (已交班/已接班) of the shift change now under way.
process.env.TZ = 'UTC' // Node reads TZ afresh: every Date below is on a PC set to UTC
import { afterEach, describe, expect, it } from 'vitest'
import { getLocale } from '../../../src-renderer/i18n/i18n'
import { bootConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { daysHours, formatClock, formatHourMinute, formatUtcOffset, hoursMinutes } from '../../../src-renderer/wall/format'
import { handoverBoard } from '../../../src-renderer/wall/wall-handover'
import { wallParams } from '../../../src-renderer/wall/wall-params'
import { shiftAt } from '../../../src-shared/domain'
import type { Handover } from '../../../src-shared/protocol'
import { FakeApi, makeSettings, resetSeat } from '../fixtures'

afterEach(() => resetSeat())
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('wallParams', () => {
  it('reads lang and theme, defaulting to zh-CN and dark', () => {
    expect(wallParams('')).toEqual({ locale: 'zh-CN', theme: 'dark', ignored: [] })
    expect(wallParams('?token=x&lang=en-US&theme=light')).toEqual({ locale: 'en-US', theme: 'light', ignored: [] })
  })
  it('does not guess at an unknown value and names what it ignored', () => {
    expect(wallParams('?lang=fr&theme=neon')).toEqual({ locale: 'zh-CN', theme: 'dark', ignored: ['lang=fr', 'theme=neon'] })
  })
})

describe("the wall's language is its own", () => {
  it('a seat switching the settings to English does not turn the wall English', async () => {
    const api = new FakeApi()
    api.settings = makeSettings({ locale: 'zh-CN' })
    const stop = bootConsoleStore(api, { retryMs: 0, ownLocale: 'zh-CN' })
    await flush()
    await flush()
    expect(getLocale()).toBe('zh-CN')
    api.emit('settings', makeSettings({ locale: 'en-US' }))
    expect(useConsole.getState().settings?.locale).toBe('en-US') // the seat's setting is known…
    expect(getLocale()).toBe('zh-CN') // …and not followed
    stop()
  })
  it('an English wall stays English when the settings say zh-CN; a seat still follows its settings', async () => {
    const api = new FakeApi()
    api.settings = makeSettings({ locale: 'zh-CN' })
    const stop = bootConsoleStore(api, { retryMs: 0, ownLocale: 'en-US' })
    await flush()
    await flush()
    expect(getLocale()).toBe('en-US')
    stop()
    const seat = new FakeApi()
    seat.settings = makeSettings({ locale: 'zh-CN' })
    const stopSeat = bootConsoleStore(seat, { retryMs: 0 })
    await flush()
    await flush()
    seat.emit('settings', makeSettings({ locale: 'en-US' }))
    expect(getLocale()).toBe('en-US')
    stopSeat()
  })
})

describe("the centre's time on a PC in UTC", () => {
  // 2026-12-04 22:04 in Beijing is 14:04 UTC: the "14:04 vs 22:04".
  const at = Date.parse('2026-12-04T14:04:30.000Z')
  it('runs in UTC (the PC would show 14:04)', () => {
    expect(new Date(at).getHours()).toBe(14)
    expect(new Date(at).getTimezoneOffset()).toBe(0)
  })
  it("shows the centre's clock, zone and shift (中班 16–24), not the PC's", () => {
    expect(formatClock(at, 480)).toEqual({ time: '22:04:30', date: '2026-12-04' })
    expect(formatHourMinute('2026-12-04T14:04:30.000Z', 480)).toBe('22:04')
    expect(formatUtcOffset(480)).toBe('UTC+8')
    expect(formatUtcOffset(330)).toBe('UTC+5:30')
    expect(formatUtcOffset(-300)).toBe('UTC−5')
    expect(shiftAt(at, 480).shiftId).toBe('2026-12-04-S3') // the PC's 14:04 would say 早班 (S2)
    expect(shiftAt(Date.parse('2026-12-04T16:30:00.000Z'), 480).shiftId).toBe('2026-12-05-S1') // 00:30 next day: 夜班
  })
  it('the same on a PC west of Greenwich', () => {
    process.env.TZ = 'America/New_York'
    try {
      expect(new Date(at).getHours()).toBe(9)
      expect(formatClock(at, 480).time).toBe('22:04:30')
      expect(shiftAt(at, 480).shiftId).toBe('2026-12-04-S3')
    } finally {
      process.env.TZ = 'UTC'
    }
  })
  it('splits durations into hours and minutes', () => {
    expect(hoursMinutes(-(3 * 3_600_000 + 12 * 60_000 + 59_000))).toEqual({ h: 3, m: 12 })
    expect(hoursMinutes(59_000)).toEqual({ h: 0, m: 0 })
    expect(daysHours(-(23 * 3_600_000 + 59 * 60_000))).toBeNull()
    expect(daysHours(-(229 * 3_600_000 + 11 * 60_000))).toEqual({ d: 9, h: 13 })
  })
})

function handover(over: Partial<Handover>): Handover {
  return {
    id: 'ho-1',
    version: 1,
    seq: 1,
    shiftId: '2026-12-04-S2',
    streetCode: '110101006',
    from: { userId: 'u-lead-1', name: '李值班' },
    to: null,
    state: 'submitted',
    submittedAt: '2026-12-04T08:02:00.000Z',
    acknowledgedAt: null,
    summary: '交班小结',
    items: [
      { id: 'i1', incidentId: 'a', statusAtHandover: 'dispatched', note: '', acknowledged: true },
      { id: 'i2', incidentId: 'b', statusAtHandover: 'in_progress', note: '', acknowledged: false }
    ],
    ...over
  }
}

describe('handoverBoard', () => {
  // 16:20 Beijing: the change from 早班 (S2) to 中班 is under way (an hour's grace, as the leads' panel).
  const now = Date.parse('2026-12-04T08:20:00.000Z')
  it("shows this shift change's handovers, earliest first, with who and when", () => {
    const board = handoverBoard(
      [
        handover({ id: 'ho-b', submittedAt: '2026-12-04T08:05:00.000Z', state: 'acknowledged', to: { userId: 'u2', name: '王接班' }, acknowledgedAt: '2026-12-04T08:10:00.000Z' }),
        handover({ id: 'ho-a' }),
        handover({ id: 'ho-old', shiftId: '2026-12-04-S1' })
      ],
      now,
      480
    )
    expect(board.shift).toEqual({ id: '2026-12-04-S2', date: '2026-12-04', index: 2 })
    expect(board.handovers.map((h) => [h.id, h.state, h.from, h.to])).toEqual([
      ['ho-a', 'submitted', '李值班', null],
      ['ho-b', 'acknowledged', '李值班', '王接班']
    ])
    expect(board.handovers[0]).toMatchObject({ items: 2, itemsAcknowledged: 1, streetCodes: ['110101006'] })
    expect(formatHourMinute(board.handovers[1]?.acknowledgedAt ?? '', 480)).toBe('16:10')
    // Notes and the summary stay with the leads.
    expect(JSON.stringify(board)).not.toContain('交班小结')
  })
  it('is empty when nobody has handed over yet', () => {
    expect(handoverBoard([handover({ shiftId: '2026-12-03-S3' })], now, 480).handovers).toEqual([])
  })
})
