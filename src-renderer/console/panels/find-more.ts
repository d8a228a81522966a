// The find panel's second source: the store holds only the live set (open cases, and today's finished
// ones), so when it has too few matches the panel also asks main's whole cache (findIncidentMatches: code,
// title, address, the reporter's name and phone), debounced,
// the latest query winning. A case closed before today is found this way.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConsoleApi, FindField, FindMatch, IncidentSummary } from '../../../src-shared/api'
import { reporterMatch } from '../../../src-shared/domain'

export const FIND_DEBOUNCE_MS = 150
/** Shorter queries match too much of the cache to be worth a search while typing (Enter still asks). */
export const FIND_MIN_CHARS = 2
/** Asked of main: room for the store's own matches, which come back too and are left out here. */
export const FIND_LIMIT = 20

type Answer = { query: string; cases: FindMatch[] }

export type FindMore = {
  /** main's answer to the newest query asked, or null before the first. */
  answer: Answer | null
  /** The query whose search is under way (debounce passed, no answer yet), or null. */
  searching: string | null
  /** The query whose search failed, or null. */
  failed: string | null
  /** Searches at once (Enter before the debounce ran). Null when it failed or a newer query overtook it. */
  searchNow(query: string): Promise<FindMatch[] | null>
}

/** Which of the summary's fields matches the query the way main's search does (case ignored), or null. */
export function summaryField(incident: IncidentSummary, query: string): FindField | null {
  const q = query.trim().toLowerCase()
  if (q === '') return null
  if (incident.code.toLowerCase().includes(q)) return 'code'
  if (incident.title.toLowerCase().includes(q)) return 'title'
  return incident.address.toLowerCase().includes(q) ? 'address' : null
}

/** Does this case match the query the way main's search does (code, title or address; case ignored)? */
export function matchesQuery(incident: IncidentSummary, query: string): boolean {
  return summaryField(incident, query) !== null
}

/**
 * The rows to show below the store's matches: main's cases that the list does not show yet, each as the
 * store holds it when the store has it (a delta may be newer), still matching what is typed now (an
 * answer to an earlier query stays useful while the next one is asked), at most `room` of them.
 */
export function extraRows(
  answer: Answer | null,
  query: string,
  shown: readonly IncidentSummary[],
  store: ReadonlyMap<string, IncidentSummary>,
  room: number
): FindMatch[] {
  if (answer === null || room <= 0) return []
  const q = query.trim()
  if (q.length < FIND_MIN_CHARS && answer.query !== q) return []
  const listed = new Set(shown.map((s) => s.id))
  const out: FindMatch[] = []
  for (const found of answer.cases) {
    if (out.length >= room) break
    const id = found.incident.id
    if (listed.has(id)) continue
    const held = store.get(id)
    const current = held && held.version >= found.incident.version ? held : found.incident
    // The summary has no reporter: a reporter match is checked on the reporter main sent with it.
    const reporter = found.reporter !== null ? reporterMatch(found.reporter, q) : null
    const field = summaryField(current, q) ?? reporter?.field ?? null
    if (field !== null) out.push({ incident: current, matched: field, reporter: found.reporter })
  }
  return out
}

/** Follows `query`: when `wanted` and it is long enough, asks main after a pause in typing. */
export function useFindMore(api: ConsoleApi, query: string, wanted: boolean): FindMore {
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [searching, setSearching] = useState<string | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  // Each search takes a ticket; only the newest ticket's answer is used.
  const latest = useRef(0)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const run = useCallback(
    async (q: string): Promise<FindMatch[] | null> => {
      // Enter asks at once: the search the debounce still holds would only overtake this one.
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
      const ticket = ++latest.current
      setSearching(q)
      try {
        const cases = await api.findIncidentMatches(q, FIND_LIMIT)
        if (ticket !== latest.current) return null
        setAnswer({ query: q, cases })
        setFailed(null)
        return cases
      } catch (err) {
        if (ticket !== latest.current) return null
        console.warn('findIncidentMatches failed', err)
        setFailed(q)
        return null
      } finally {
        if (ticket === latest.current) setSearching(null)
      }
    },
    [api]
  )

  const q = query.trim()
  useEffect(() => {
    // A pending answer for an earlier query must not land after this one: the ticket moves on.
    latest.current += 1
    if (!wanted || q.length < FIND_MIN_CHARS) return
    timer.current = setTimeout(() => void run(q), FIND_DEBOUNCE_MS)
    return () => {
      if (timer.current !== null) clearTimeout(timer.current)
      timer.current = null
    }
  }, [q, wanted, run])

  // Closed panel: drop whatever is still on its way.
  useEffect(
    () => () => {
      latest.current += 1
    },
    []
  )

  return { answer, searching: searching === q ? searching : null, failed: failed === q ? failed : null, searchNow: run }
}
