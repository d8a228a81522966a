// Times as dispatchers read them: short durations (剩1小时5分 / 超期3天2小时), "ago", clock and dates
// in the hall's locale and in the centre's time zone — the reference calendar's utcOffsetMinutes,
// never the PC's zone (a hall PC set to UTC must still show Beijing time, as the wall does).
// All text comes from the message files.
import { getLocale, t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A positive span in the largest two units that matter at a glance. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < MINUTE) return t('dur.seconds', { n: Math.floor(abs / 1000) })
  if (abs < HOUR) return t('dur.minutes', { n: Math.floor(abs / MINUTE) })
  if (abs < DAY) return t('dur.hoursMinutes', { h: Math.floor(abs / HOUR), m: Math.floor((abs % HOUR) / MINUTE) })
  return t('dur.daysHours', { d: Math.floor(abs / DAY), h: Math.floor((abs % DAY) / HOUR) })
}

export function formatAgo(ms: number): string {
  return ms < 5000 ? t('time.justNow') : t('time.ago', { d: formatDuration(ms) })
}

/** Time left before a deadline, or how long past it. */
export function formatCountdown(leftMs: number): string {
  return leftMs < 0 ? t('time.overdue', { d: formatDuration(leftMs) }) : t('time.left', { d: formatDuration(leftMs) })
}

/**
 * Until the reference data (and its calendar) has arrived: UTC+8, the zone of every centre this
 * console is made for. The calendar's offset is the one source as soon as it is there.
 */
const OFFSET_BEFORE_REFERENCE = 480

/** The centre's offset from UTC in minutes: the reference calendar's utcOffsetMinutes. */
export function centreOffsetMinutes(): number {
  return useConsole.getState().reference?.calendar.utcOffsetMinutes ?? OFFSET_BEFORE_REFERENCE
}

/** "UTC+8", "UTC+5:30", "UTC-3" for an offset in minutes. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const minutes = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`
}

/**
 * The instant moved by the centre's offset and read as UTC: Intl then shows the centre's wall time
 * whatever the PC's zone (a fixed offset, as the calendar defines it: no daylight saving to follow).
 */
function shifted(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * 60_000)
}

export function formatClock(ms: number, offsetMinutes: number = centreOffsetMinutes()): string {
  return shifted(ms, offsetMinutes).toLocaleTimeString(getLocale(), { hourCycle: 'h23', timeZone: 'UTC' })
}

/** Date and time of an ISO instant, in the centre's time zone. */
export function formatDateTime(iso: string, offsetMinutes: number = centreOffsetMinutes()): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return shifted(ms, offsetMinutes).toLocaleString(getLocale(), {
    // h23, not hour12: false: en-US would write midnight as 24:05.
    hourCycle: 'h23',
    timeZone: 'UTC',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  })
}
