// 日报: the day's figures by street and by unit, the top categories and the overdue list, as a
// self-contained HTML page laid out for A4 portrait (print it, or open it in any browser). The numbers
// are the figures table's; this file only lays them out.
import { dailyReport, isOverdue, type FigureRow, type Period } from '../../../src-shared/domain'
import { buildFigures, namesOf, offsetOf, type ReportData } from './figures-report'
import { isoWithOffset } from './time'

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
const num = (v: number | null): string => (v === null ? '—' : String(v))
const pct = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)}%`)
const local = (iso: string, offset: number): string => isoWithOffset(iso, offset).slice(0, 16).replace('T', ' ')

export const PRINT_CSS = `
@page { size: A4 portrait; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #000; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
.meta { color: #333; margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
th, td { border: 1px solid #888; padding: 1mm 1.5mm; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, td.text { text-align: left; }
tr.total td { font-weight: bold; }
.note { font-size: 8.5pt; color: #333; margin-top: 1mm; }
.overdue { color: #b00; }
`

function figuresTableHtml(rows: FigureRow[], total: FigureRow): string {
  const head = ['名称', '受理', '立案', '应结案', '结案', '按期结案', '超期', '立案率', '结案率', '按期结案率', '返工率']
  const line = (r: FigureRow, cls = ''): string =>
    `<tr class="${cls}"><td>${esc(r.name)}</td>${[r.counts.received, r.counts.accepted, r.counts.dueToClose, r.counts.closed, r.counts.closedOnTime, r.counts.overdueNow]
      .map((n) => `<td>${num(n)}</td>`)
      .join('')}${[r.rates.acceptance, r.rates.closure, r.rates.onTime, r.rates.rework].map((p) => `<td>${pct(p)}</td>`).join('')}</tr>`
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => line(r)).join('')}${line(total, 'total')}</tbody></table>`
}

export function dailyReportHtml(data: ReportData, period: Period, nowMs: number, title = '日报'): string {
  const offset = offsetOf(data)
  const names = namesOf(data)
  const now = new Date(nowMs)
  // The same builder as the console's report view: top categories, overdue list longest first.
  const report = dailyReport(
    {
      byStreet: buildFigures(data, period, 'street', nowMs),
      byUnit: buildFigures(data, period, 'unit', nowMs),
      byCategory: buildFigures(data, period, 'category', nowMs)
    },
    data.incidents.filter((c) => isOverdue(c, now)),
    nowMs
  )
  const { byStreet, byUnit, overdue } = report
  const overdueRows = overdue
    .map(
      (c) =>
        `<tr><td class="text">${esc(c.code)}</td><td class="text">${esc(names('category', c.categoryCode) ?? c.categoryCode)}</td><td class="text">${esc(
          names('street', c.streetCode) ?? c.streetCode
        )}</td><td class="text">${esc(c.assignees.map((id) => names('unit', id) ?? id).join('、'))}</td><td class="overdue">${local(c.deadlineAt, offset)}</td><td>${Math.floor(
          c.overdueMs / 3_600_000
        )} 小时</td></tr>`
    )
    .join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PRINT_CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<div class="meta">统计期 ${local(byStreet.period.from, offset)} — ${local(byStreet.period.to, offset)} · 生成于 ${local(now.toISOString(), offset)}</div>
<h2>按街道</h2>${figuresTableHtml(byStreet.rows, byStreet.total)}
<h2>按处置单位</h2>${figuresTableHtml(byUnit.rows, byUnit.total)}
<div class="note">注：一件由多个单位办理的案件计入每个单位，各行之和可大于合计。</div>
<h2>案件类别（受理数前十）</h2>${figuresTableHtml(report.categories, report.categoryTotal)}
<h2>超期案件（${overdue.length} 件）</h2>
<table><thead><tr><th>案件编号</th><th>类别</th><th>街道</th><th>处置单位</th><th>办理时限</th><th>已超期</th></tr></thead><tbody>${overdueRows}</tbody></table>
</body></html>
`
}
