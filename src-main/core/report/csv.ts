// CSV as zh-CN Excel opens it: UTF-8 with a byte-order mark, CRLF rows, RFC 4180 quoting.
export const BOM = '\uFEFF'

const EQUALS = 61
const PLUS = 43
const AT = 64

/** One value as a CSV cell (a month's export writes ~1.8 million: no allocation beyond the text). */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  // A number's text never starts with = + @ nor holds a quote, comma or line break: nothing to check.
  if (typeof value === 'number') return String(value)
  let text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value)
  // Excel runs a cell starting with = + @ as a formula; a name typed by someone could. Defuse it.
  const first = text.charCodeAt(0)
  if (first === EQUALS || first === PLUS || first === AT) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(cell).join(',')]
  for (const row of rows) lines.push(row.map(cell).join(','))
  return BOM + lines.join('\r\n') + '\r\n'
}
