// `npm test`: every check in one command — lint (with the layering rule), typecheck, the
// renderer build the browser tests need, unit + integration tests (Vitest), end-to-end
// tests (Playwright in Debian's Chromium). Prints one closing line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  // Issue 12: the Electron shell's security review; high/critical fail, the rest need a written waiver.
  ['electronegativity', 'node', ['scripts/electronegativity.mjs']],
  ['build', 'npm', ['run', 'build']],
  // Every benchmark at small sizes (bench/run.ts --quick, ~1–2 min; each phase bounded): a broken
  // bench turns the run red. Quick results are never written to docs/ or bench/results/.
  ['bench (quick)', 'npm', ['run', 'bench', '--', '--quick']],
  ['unit+integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']],
  ['e2e', 'npx', ['playwright', 'test']]
]

mkdirSync('test-results', { recursive: true })
for (const f of ['test-results/vitest.json', 'test-results/e2e.json']) rmSync(f, { force: true })

let failedStep = null
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(cmd, args, { stdio: 'inherit' })
  console.log(`=== ${name}: exit ${run.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (run.status !== 0) {
    failedStep = name
    if (name === 'lint' || name === 'typecheck' || name === 'build') break
  }
}

let passed = 0
let failed = 0
let skipped = 0
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests ?? 0
  failed += v.numFailedTests ?? 0
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
}
if (existsSync('test-results/e2e.json')) {
  const e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'))
  passed += e.stats?.expected ?? 0
  failed += (e.stats?.unexpected ?? 0) + (e.stats?.flaky ?? 0)
  skipped += e.stats?.skipped ?? 0
}
if (failedStep) console.log(`\nfailed step: ${failedStep}`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failedStep ? 1 : 0)
