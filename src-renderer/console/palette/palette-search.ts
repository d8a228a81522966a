// Finding a command by what a Chinese hall types: its Chinese name, its English name, full pinyin
// (paiqian) or pinyin initials (pq), and the help line in both languages. Pinyin comes from
// pinyin-pro, worked out once per label.
import { pinyin } from 'pinyin-pro'
import { t } from '../../i18n/i18n'
import type { CommandEntry } from '../command-registry'

export type SearchFields = {
  /** Primary names: the short label in zh-CN and en-US, its pinyin and initials. */
  names: string[]
  /** Secondary text: the help lines in both languages. */
  more: string[]
}

const cache = new Map<string, { full: string; initials: string }>()

/** Full pinyin without tones or spaces (派遣 → paiqian) and its initials (pq). Latin text passes through. */
export function pinyinOf(text: string): { full: string; initials: string } {
  let found = cache.get(text)
  if (!found) {
    const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed' })
    found = { full: syllables.join('').toLowerCase(), initials: syllables.map((s) => s[0] ?? '').join('').toLowerCase() }
    cache.set(text, found)
  }
  return found
}

export function searchFields(entry: CommandEntry): SearchFields {
  const zh = t(entry.label, undefined, 'zh-CN')
  const en = t(entry.label, undefined, 'en-US')
  const py = pinyinOf(zh)
  const helpZh = t(entry.help, undefined, 'zh-CN')
  return {
    names: [zh, en.toLowerCase(), py.full, py.initials],
    more: [helpZh, t(entry.help, undefined, 'en-US').toLowerCase(), pinyinOf(helpZh).initials]
  }
}

/** Letters of `query` appear in `text` in order (a loose match, ranked below the others). */
function subsequence(text: string, query: string): boolean {
  let at = 0
  for (const ch of text) if (ch === query[at]) at++
  return at === query.length
}

/** How well `query` names the command: higher is better, 0 is no match. */
export function matchScore(fields: SearchFields, rawQuery: string): number {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '')
  if (query === '') return 1
  let best = 0
  for (const name of fields.names) {
    const text = name.replace(/\s+/g, '')
    if (text === query) best = Math.max(best, 100)
    else if (text.startsWith(query)) best = Math.max(best, 80)
    else if (text.includes(query)) best = Math.max(best, 60)
    else if (query.length >= 2 && subsequence(text, query)) best = Math.max(best, 20)
  }
  for (const line of fields.more) {
    if (line.replace(/\s+/g, '').includes(query)) best = Math.max(best, 40)
  }
  return best
}

/** The entries that match, best first (registry order among equals). */
export function searchCommands(entries: readonly CommandEntry[], query: string): CommandEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, score: matchScore(searchFields(entry), query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.entry)
}
