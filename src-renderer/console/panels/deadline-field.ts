// Deadlines as a person types them: "YYYY-MM-DD HH:mm" in the centre's time zone (the one every
// other time on screen is shown in, so the field and the detail's deadline agree), parsed, checked, defaulted.
import type { IncidentSummary } from '../../../src-shared/api'
import { addWorkingTime, CalendarError } from '../../../src-shared/domain'
import type { Calendar } from '../../../src-shared/protocol'
import type { MessageKey } from '../../i18n/messages'
import { centreOffsetMinutes } from '../format'

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * The offset typed deadlines are read in: the centre's (format.ts), the zone every time on screen is
 * shown in, so the field and the detail's deadline agree whatever the PC's zone.
 */
export function screenOffsetMinutes(): number {
  return centreOffsetMinutes()
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** An instant as the field shows it: "2026-11-23 10:00" at the given offset. */
export function formatDeadlineInput(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MINUTE)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

const PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/

/** The instant a typed "YYYY-MM-DD HH:mm" (or with a T) names at the given offset; null when it names none. */
export function parseDeadlineInput(text: string, offsetMinutes: number): number | null {
  const m = PATTERN.exec(text.trim())
  if (!m) return null
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const utc = Date.UTC(year, month - 1, day, hour, minute)
  // Date.UTC rolls 31 Feb over into March: a date that does not exist is a typing error, not a deadline.
  const check = new Date(utc)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  return utc - offsetMinutes * MINUTE
}

export type DeadlineCheck = { ok: true; iso: string } | { ok: false; error: MessageKey }

/**
 * A typed deadline, accepted only when it names a real instant after `nowMs` and, for an extension,
 * after the current deadline (the hub refuses both otherwise; saying so here saves a round trip).
 */
export function checkDeadline(text: string, nowMs: number, offsetMinutes: number, after: string | null = null): DeadlineCheck {
  const ms = parseDeadlineInput(text, offsetMinutes)
  if (ms === null) return { ok: false, error: 'deadline.format' }
  if (ms <= nowMs) return { ok: false, error: 'deadline.past' }
  if (after !== null && ms <= Date.parse(after)) return { ok: false, error: 'deadline.notLater' }
  return { ok: true, iso: new Date(ms).toISOString() }
}

/** One working day on from `fromMs` by the hall's calendar; a plain day when the calendar is missing or unusable. */
export function plusOneWorkingDay(fromMs: number, calendar: Calendar | null | undefined): number {
  if (calendar) {
    try {
      return addWorkingTime(new Date(fromMs), { value: 1, unit: 'working_days' }, calendar).getTime()
    } catch (err) {
      if (!(err instanceof CalendarError)) throw err
    }
  }
  return fromMs + DAY
}

/** The extension offered first: one working day past the current deadline, or past now when that is gone. */
export function defaultExtension(
  incident: Pick<IncidentSummary, 'deadlineAt'>,
  nowMs: number,
  calendar: Calendar | null | undefined
): number {
  const deadline = incident.deadlineAt === null ? Number.NaN : Date.parse(incident.deadlineAt)
  const from = Number.isNaN(deadline) ? nowMs : Math.max(deadline, nowMs)
  // Whole minutes: the field shows no seconds, and the typed-back value must still be later.
  return Math.ceil(plusOneWorkingDay(from, calendar) / MINUTE) * MINUTE
}
