// What matched in a find result (issue 16): the field (编号 / 标题 / 地址 / 报告人 / 电话) and its text
// with the matched part marked. A phone is shown as the hub stores it, masked but for its first 3 and
// last 4 digits (src-shared/domain/reporter-find.ts), and only the typed digits it still shows are marked.
import type { FindMatch } from '../../../src-shared/api'
import { reporterMatch } from '../../../src-shared/domain'
import { t } from '../../i18n/i18n'

type Range = [number, number]

/** The matched field's text and the ranges to mark, or null when nothing can be shown. */
export function matchParts(found: FindMatch, query: string): { text: string; ranges: Range[] } | null {
  const q = query.trim()
  if (found.matched === 'reporter' || found.matched === 'phone') {
    const hit = found.reporter !== null ? reporterMatch(found.reporter, q) : null
    return hit ? { text: hit.text, ranges: hit.ranges } : null
  }
  const text = found.incident[found.matched]
  const at = text.toLowerCase().indexOf(q.toLowerCase())
  return at < 0 || q === '' ? { text, ranges: [] } : { text, ranges: [[at, at + q.length]] }
}

/** Splits `text` into plain and marked pieces by sorted, non-overlapping ranges. */
export function markPieces(text: string, ranges: readonly Range[]): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = []
  let pos = 0
  for (const [from, to] of ranges) {
    if (from > pos) out.push({ text: text.slice(pos, from), marked: false })
    out.push({ text: text.slice(from, to), marked: true })
    pos = to
  }
  if (pos < text.length) out.push({ text: text.slice(pos), marked: false })
  return out
}

export function FindMatchLabel({ found, query }: { found: FindMatch; query: string }) {
  const parts = matchParts(found, query)
  if (parts === null) return null
  const field = t(`findMatch.${found.matched}`)
  return (
    <span className="picker__match" data-testid="find-match" data-field={found.matched} aria-label={t('findMatch.aria', { field, text: parts.text })}>
      <span className="picker__match-field">{field}</span>{' '}
      {markPieces(parts.text, parts.ranges).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  )
}
