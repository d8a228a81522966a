// Finding a case by its reporter (issue 16 item 4): a 12345 call-back gives a name or a phone number.
// Phone policy: the hub stores the reporter's phone masked (maskPhone: the first 3 and last 4 digits
// of a mobile number, the rest as *), so no console ever holds the middle digits. A typed number is
// matched on the digits that remain — its last 4, and its first 3 when a full number was typed — and
// shown in that masked form. Viewers (the wall) cannot search at all (findIncidents is viewer: false).

/** Fewer digits than this is not taken as a phone (it would match a tenth of the cache). */
export const PHONE_QUERY_MIN_DIGITS = 4
/** A reporter's name is searched from this many characters on (one character matches half the city). */
export const REPORTER_NAME_MIN_CHARS = 2

export type PhoneQuery = {
  /** The last 4 digits typed: the part of a number the stored, masked phone still shows. */
  last4: string
  /** The first 3 digits when 7 or more were typed (a full number), else null. */
  prefix: string | null
}

/**
 * A typed phone number: digits with any spaces, dashes, dots or brackets and an optional +86, at least
 * PHONE_QUERY_MIN_DIGITS digits. Null when the text is not a phone number.
 */
export function phoneQuery(text: string): PhoneQuery | null {
  const t = text.trim()
  if (!/^(\+86)?[\d\s\-().]+$/.test(t)) return null
  let digits = t.replace(/^\+86/, '').replace(/\D/g, '')
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  if (digits.length < PHONE_QUERY_MIN_DIGITS) return null
  return { last4: digits.slice(-4), prefix: digits.length >= 7 ? digits.slice(0, 3) : null }
}

/** Does a stored (masked) phone match the typed number's visible digits? */
export function phoneMatches(stored: string, query: PhoneQuery): boolean {
  const s = stored.replace(/[\s-]/g, '')
  return s.endsWith(query.last4) && (query.prefix === null || s.startsWith(query.prefix))
}

export type ReporterMatch = {
  field: 'reporter' | 'phone'
  /** The reporter's name or masked phone as stored. */
  text: string
  /** The matched part of `text` as [start, end) ranges, for highlighting. */
  ranges: Array<[number, number]>
}

/** Which part of the reporter a query matches (name first), or null. Names ignore ASCII case. */
export function reporterMatch(reporter: { name?: string; phone?: string }, query: string): ReporterMatch | null {
  const q = query.trim()
  const name = reporter.name ?? ''
  if (q.length >= REPORTER_NAME_MIN_CHARS) {
    const at = name.toLowerCase().indexOf(q.toLowerCase())
    if (at >= 0) return { field: 'reporter', text: name, ranges: [[at, at + q.length]] }
  }
  const pq = phoneQuery(q)
  const phone = (reporter.phone ?? '').replace(/[\s-]/g, '')
  if (pq === null || !phoneMatches(phone, pq)) return null
  const ranges: Array<[number, number]> = []
  if (pq.prefix !== null) ranges.push([0, 3])
  ranges.push([phone.length - 4, phone.length])
  return { field: 'phone', text: phone, ranges }
}
