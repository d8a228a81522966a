// Message sets: zh-CN and en-US complete and identical in keys, no empty text, no key defined by two
// feature files (a spread would silently hide one), and no Chinese literal in any component file.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allMessages } from '../../../src-renderer/i18n/messages'
import { t } from '../../../src-renderer/i18n/i18n'

const root = join(import.meta.dirname, '../../../src-renderer')
const messagesDir = join(root, 'i18n/messages')

type MessageSet = { 'zh-CN': Record<string, string>; 'en-US': Record<string, string> }

function isMessageSet(value: unknown): value is MessageSet {
  return typeof value === 'object' && value !== null && 'zh-CN' in value && 'en-US' in value
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

describe('message sets', () => {
  it('zh-CN and en-US have identical keys and no empty strings', () => {
    const zh = allMessages['zh-CN']
    const en = allMessages['en-US']
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const [locale, set] of Object.entries(allMessages)) {
      for (const [key, text] of Object.entries(set)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('')
      }
    }
  })

  it('no key is defined by two feature files, and every file is registered', async () => {
    const owner = new Map<string, string>()
    const files = readdirSync(messagesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    expect(files.length).toBeGreaterThan(1)
    for (const file of files) {
      const mod: Record<string, unknown> = await import(join(messagesDir, file))
      const sets = Object.values(mod).filter(isMessageSet)
      expect(sets.length, file).toBeGreaterThan(0)
      for (const set of sets) {
        expect(Object.keys(set['en-US']).sort(), file).toEqual(Object.keys(set['zh-CN']).sort())
        for (const key of Object.keys(set['zh-CN'])) {
          expect(owner.get(key), `${key} in ${file}`).toBeUndefined()
          owner.set(key, file)
          expect(allMessages['zh-CN'][key as keyof (typeof allMessages)['zh-CN']], `${file} registered`).toBe(
            set['zh-CN'][key]
          )
        }
      }
    }
  })

  it('zh-CN text really is Chinese for the console keys people read most', () => {
    expect(t('error.read_only', undefined, 'zh-CN')).toBe('只读账号，不能操作')
    expect(t('pending.queued', undefined, 'zh-CN')).toBe('待发送')
    expect(t('bar.outbox', { n: 3 }, 'zh-CN')).toBe('待发送 3')
    expect(t('bar.outbox', { n: 3 }, 'en-US')).toBe('To send 3')
  })
})

describe('component files', () => {
  it('hold no CJK literal outside the message files', () => {
    const offenders: string[] = []
    for (const file of walk(root)) {
      if (!/\.tsx?$/.test(file) || file.startsWith(messagesDir)) continue
      const lines = readFileSync(file, 'utf8').split('\n')
      lines.forEach((line, i) => {
        // Comments may quote the field's terms; code and JSX may not.
        const code = line.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '')
        if (/^\s*\*/.test(line)) return
        if (/[\u4e00-\u9fff]/.test(code)) offenders.push(`${relative(root, file)}:${i + 1}`)
      })
    }
    expect(offenders).toEqual([])
  })
})
