// npm run report -- --data DIR …  (see src-main/core/report/report-cli.ts and docs/exports.md)
import { reportErrorCode, runReport } from '../src-main/core/report/report-cli'

runReport(process.argv.slice(2)).then(
  ({ text, out }) => {
    if (out === null) process.stdout.write(text)
    else process.stderr.write(`wrote ${out}\n`)
  },
  (err: unknown) => {
    process.stderr.write(`report: ${(err as Error).message}\n`)
    process.exitCode = reportErrorCode(err)
  }
)
