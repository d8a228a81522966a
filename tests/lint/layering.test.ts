// The layering rule (eslint-rules/layering.js) refuses each import the architecture forbids.
import { ESLint } from 'eslint'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message)
}

describe('layering rule', () => {
  it.each([
    ['src-shared/x.ts', "import fs from 'node:fs'\nexport const a = fs", /Node module/],
    ['src-shared/x.ts', "import { z } from 'react'\nexport const a = z", /package 'react'/],
    ['src-main/core/x.ts', "import { app } from 'electron'\nexport const a = app", /package 'electron'/],
    ['src-main/core/x.ts', "import { h } from '../../src-hub/hub'\nexport const a = h", /from src-hub/],
    ['src-renderer/x.ts', "import fs from 'node:fs'\nexport const a = fs", /Node module/],
    ['src-renderer/x.ts', "import { s } from '../src-main/core/store'\nexport const a = s", /from src-main\/core/],
    ['src-hub/x.ts', "import { s } from '../src-main/core/store'\nexport const a = s", /from src-main\/core/],
    ['src-main/web/x.ts', "import { app } from 'electron'\nexport const a = app", /package 'electron'/],
    ['src-sqlite/x.ts', "import { z } from 'zod'\nexport const a = z", /package 'zod'/],
    ['src-sqlite/x.ts', "import { p } from '../src-shared/protocol'\nexport const a = p", /from src-shared/],
    ['src-main/web/x.ts', "import { S } from '../../src-sqlite/sqlite-db'\nexport const a = S", /from src-sqlite/]
  ])('%s: refuses %s', async (file, code, pattern) => {
    const found = await problems(file, code)
    expect(found.length).toBe(1)
    expect(found[0]).toMatch(pattern)
  })

  it.each([
    ['src-shared/x.ts', "import { z } from 'zod'\nexport const a = z"],
    ['src-main/core/x.ts', "import sqlite3 from 'sqlite3'\nimport fs from 'node:fs'\nexport const a = [sqlite3, fs]"],
    ['src-main/electron/x.ts', "import { app } from 'electron'\nimport { b } from '../core/b'\nexport const a = [app, b]"],
    ['src-renderer/x.ts', "import { create } from 'zustand'\nimport { c } from '../src-shared/c'\nexport const a = [create, c]"],
    ['tests/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src-sqlite/x.ts', "import sqlite3 from 'sqlite3'\nimport fs from 'node:fs'\nexport const a = [sqlite3, fs]"],
    ['src-main/core/x.ts', "import { S } from '../../src-sqlite/sqlite-db'\nexport const a = S"],
    ['src-hub/x.ts', "import { S } from '../src-sqlite/sqlite-db'\nexport const a = S"]
  ])('%s: allows what the table allows', async (file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})
