// electronegativity over the Electron shell (issue 12, a step of `npm test`): fails on any high or
// critical finding, and on any other finding not waived with a reason in electronegativity-waivers.json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version
const dir = mkdtempSync(path.join(tmpdir(), 'gcc-en-'))
const out = path.join(dir, 'findings.csv')
const run = spawnSync('npx', ['electronegativity', '-i', 'src-main', '-o', out, '-r', '-v', 'false', '-e', electronVersion], {
  cwd: root,
  encoding: 'utf8'
})
let csv = ''
try {
  csv = readFileSync(out, 'utf8')
} catch {
  console.error(`electronegativity wrote no report (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field.trim())
      field = ''
    } else if (c === '\n') {
      row.push(field.trim())
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field || row.length) rows.push([...row, field.trim()])
  return rows.filter((r) => r.length > 1)
}

const [, ...findings] = parseCsv(csv)
const { waivers } = JSON.parse(readFileSync(path.join(root, 'electronegativity-waivers.json'), 'utf8'))
let failed = 0
for (const [check, severity, confidence, file, location] of findings) {
  const waiver = waivers.find((w) => w.check === check && w.file === file)
  const serious = severity === 'HIGH' || severity === 'CRITICAL'
  const verdict = serious ? 'FAIL (high/critical cannot be waived)' : waiver ? `waived: ${waiver.reason.slice(0, 80)}…` : 'FAIL (not waived)'
  if (serious || !waiver) failed++
  console.log(`${check} ${severity}/${confidence} ${file}:${location} — ${verdict}`)
}
console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${failed} failing`)
process.exit(failed > 0 ? 1 : 0)
