// The IME rule (eslint-rules/ime-first.js): a keydown handler in the renderer that does not ask
// isComposing(event) first is an error; one that does passes. Run through the project's own config.
import { ESLint } from 'eslint'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })
const IMPORTS = "import { isComposing } from '../keyboard/composition'\nimport type { KeyboardEvent } from 'react'\n"

async function problems(code: string, file = 'src-renderer/console/x.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(IMPORTS + code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'ime/ime-first').map((m) => m.message)
}

describe('ime-first rule', () => {
  it.each([
    ['a typed React handler that acts on Enter first', "export const h = (event: KeyboardEvent<HTMLDivElement>): void => {\n  if (event.key === 'Enter') event.preventDefault()\n}\n"],
    ['a window listener by name', "const onKey = (e: Event): void => {\n  if ((e as unknown as { key: string }).key === 'h') return\n}\nwindow.addEventListener('keydown', onKey)\n"],
    ['an inline window listener', "window.addEventListener('keydown', () => {\n  console.log('k')\n})\n"],
    ['an inline JSX handler', "export const C = () => <div onKeyDown={(e) => { if (e.key === 'Escape') console.log(e) }} />\n"],
    ['a JSX handler declared as a function', "function onKey(e: { key: string }) {\n  return e.key\n}\nexport const C = () => <input onKeyDown={onKey} />\n"],
    ['the check after the first statement', "export const h = (event: KeyboardEvent): void => {\n  event.preventDefault()\n  if (isComposing(event)) return\n}\n"],
    ['the check on another value', "const other = { isComposing: false }\nexport const h = (event: KeyboardEvent): void => {\n  if (isComposing(other)) return\n  event.preventDefault()\n}\n"],
    ['the check without a return', "export const h = (event: KeyboardEvent): void => {\n  if (isComposing(event)) console.log('composing')\n  event.preventDefault()\n}\n"],
    ['an expression-bodied handler', "export const C = () => <textarea onKeyDown={(e) => console.log(e.key)} />\n"],
    ['a handler built by a call', "const make = () => () => undefined\nexport const C = () => <input onKeyDown={make()} />\n"]
  ])('refuses %s', async (_name, code) => {
    const found = await problems(code)
    expect(found.length).toBe(1)
    expect(found[0]).toMatch(/isComposing|could not be followed/)
  })

  it.each([
    ['a typed handler that asks first', "export const h = (event: KeyboardEvent<HTMLDivElement>): void => {\n  if (isComposing(event)) return\n  if (event.key === 'Enter') event.preventDefault()\n}\n"],
    ['the check in an || with more conditions', "export const h = (event: KeyboardEvent): boolean => {\n  if (isComposing(event) || event.key !== 'Tab') return false\n  return true\n}\n"],
    ['a window listener that asks first', "const onKey = (e: Event): void => {\n  if (isComposing(e)) return\n}\nwindow.addEventListener('keydown', onKey)\n"],
    ['an inline JSX handler that asks first', "export const C = () => <div onKeyDown={(e) => { if (isComposing(e)) return; console.log(e.key) }} />\n"],
    ['a prop handed on to the DOM', "export const C = ({ onKeyDown }: { onKeyDown: (e: unknown) => void }) => <div onKeyDown={onKeyDown} />\n"],
    ['a click handler (not a key)', "window.addEventListener('click', () => console.log('c'))\n"]
  ])('allows %s', async (_name, code) => {
    expect(await problems(code)).toEqual([])
  })

  it('applies to the renderer only (main, hub and tests are not typed into by a person)', async () => {
    const code = "export const h = (event: KeyboardEvent): void => {\n  event.preventDefault()\n}\n"
    expect(await problems(code, 'src-renderer/map/y.tsx')).toHaveLength(1)
    expect(await problems(code, 'src-main/core/y.ts')).toEqual([])
  })

  it('finds every key handler the renderer has today and each one passes', async () => {
    const files = fs
      .readdirSync(path.join(root, 'src-renderer'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join(root, 'src-renderer', f))
    const results = await eslint.lintFiles(files)
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'ime/ime-first'))).toEqual([])
    // The rule is not inert: the same files with their guards taken out are all refused.
    let handlers = 0
    let refused = 0
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8')
      const guards = text.match(/^\s*if \(isComposing\(\w+\)\) return( false)?$/gm) ?? []
      if (guards.length === 0) continue
      handlers += guards.length
      const stripped = text.replace(/^\s*if \(isComposing\(\w+\)\) return( false)?\n/gm, '')
      const [result] = await eslint.lintText(stripped, { filePath: file })
      refused += (result?.messages ?? []).filter((m) => m.ruleId === 'ime/ime-first').length
    }
    expect(handlers).toBeGreaterThanOrEqual(18)
    expect(refused).toBe(handlers)
  })
})
