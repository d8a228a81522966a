// README's keyboard table names exactly the keys of the command registry: a key added, changed or
// dropped in the registry without the README (or the other way round) fails here.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMAND_REGISTRY, entryKeyLabels } from '../../../src-renderer/console/command-registry'

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8')

/** The backticked keys in the first column of the table under "## Keyboard (dispatch seat)". */
function readmeKeys(): string[] {
  const section = readme.split('## Keyboard (dispatch seat)')[1]?.split('\n## ')[0] ?? ''
  const rows = section.split('\n').filter((l) => l.startsWith('| `'))
  return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string))
}

describe('README keyboard table', () => {
  it('lists every registry key and no other', () => {
    const registry = COMMAND_REGISTRY.flatMap(entryKeyLabels).sort()
    expect(readmeKeys().sort()).toEqual(registry)
  })
})
