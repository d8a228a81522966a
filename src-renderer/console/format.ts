// Times as dispatchers read them: short durations (剩1小时5分 / 超期3天2小时), "ago", clock and dates
// in the hall's locale. All text comes from the message files.
import { getLocale, t } from '../i18n/i18n'

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

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString(getLocale(), { hour12: false })
}

/** Date and time of an ISO instant, local to the console's clock. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Date(ms).toLocaleString(getLocale(), {
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  })
}
