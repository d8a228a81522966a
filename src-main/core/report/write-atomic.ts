// A report or export lands whole or not at all: written to a temporary file beside the target, then
// renamed over it (atomic on one file system). A failure removes the temporary file.
import { randomBytes } from 'node:crypto'
import { rmSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

export class OutputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OutputError'
  }
}

export function writeAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 })
    renameSync(temp, path)
  } catch (err) {
    try {
      rmSync(temp, { force: true })
    } catch {
      // the folder itself is missing or not a folder: there is no temporary file to remove
    }
    throw new OutputError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}
