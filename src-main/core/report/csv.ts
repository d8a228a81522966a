// CSV as zh-CN Excel opens it: UTF-8 with a byte-order mark, CRLF rows, RFC 4180 quoting.
export const BOM = '\uFEFF'

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  // A number's text never starts with = + @ nor holds a quote, comma or line break: nothing to check.
  if (typeof value === 'number') return String(value)
  let text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value)
  // Excel runs a cell starting with = + @ as a formula; a name typed by someone could. Defuse it.
  if (/^[=+@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(cell).join(',')]
  for (const row of rows) lines.push(row.map(cell).join(','))
  return BOM + lines.join('\r\n') + '\r\n'
}
