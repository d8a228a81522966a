// Plurals and numbers through Intl: no "1 cases" or "extended 1 times" in en-US; zh-CN has one form.
// And message keys are typed: no `as MessageKey` cast hides a missing key, and a missing key fails
// typecheck (the @ts-expect-error below would itself fail `tsc` if it did not).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatNumber, t } from '../../../src-renderer/i18n/i18n'
import { allMessages } from '../../../src-renderer/i18n/messages'

describe('plurals', () => {
  it.each([
    ['queue.count', { n: 1 }, '1 case'],
    ['queue.count', { n: 2 }, '2 cases'],
    ['queue.count', { n: 12345 }, '12,345 cases'],
    ['bar.seats', { n: 1 }, '1 seat online'],
    ['bar.seats', { n: 3 }, '3 seats online'],
    ['outbox.attempts', { n: 1 }, '1 attempt'],
    ['outbox.attempts', { n: 0 }, '0 attempts']
  ] as const)('en-US %s %j → %s', (key, vars, text) => {
    expect(t(key, vars, 'en-US')).toBe(text)
  })

  it('extend: never, once, # times', () => {
    expect(t('extend.current', { at: 'X', n: 0 }, 'en-US')).toBe('Current deadline: X · never extended')
    expect(t('extend.current', { at: 'X', n: 1 }, 'en-US')).toBe('Current deadline: X · extended once')
    expect(t('extend.current', { at: 'X', n: 3 }, 'en-US')).toBe('Current deadline: X · extended 3 times')
  })

  it('two plurals in one sentence agree each with its own number', () => {
    expect(t('handover.badgeTitle', { n: 1, items: 2 }, 'en-US')).toBe('1 handover (2 cases) waits for your acknowledgment; press g')
    expect(t('handover.badgeTitle', { n: 2, items: 1 }, 'en-US')).toBe('2 handovers (1 case) wait for your acknowledgment; press g')
  })

  it('zh-CN keeps its one form; numbers are grouped by Intl', () => {
    expect(t('queue.count', { n: 1 }, 'zh-CN')).toBe(allMessages['zh-CN']['queue.count'].replace('{n}', '1'))
    expect(formatNumber(12345, 'zh-CN')).toBe('12,345')
  })

  it('no en-US message counts with a bare {n} followed by a plural noun', () => {
    const bad = Object.entries(allMessages['en-US']).filter(([, text]) => /\{n\} (cases|seats|attempts|times|changes|streets|handovers)\b/.test(text))
    expect(bad).toEqual([])
  })
})

describe('typed message keys', () => {
  it('no cast to MessageKey anywhere in the renderer', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? walk(path) : [path]
      })
    const root = join(import.meta.dirname, '../../../src-renderer')
    const casts = walk(root).filter((f) => /\.tsx?$/.test(f) && readFileSync(f, 'utf8').includes('as MessageKey'))
    expect(casts).toEqual([])
  })

  it('a missing key is a type error', () => {
    // @ts-expect-error 'queue.nope' is not a message key
    expect(t('queue.nope')).toBe('queue.nope')
  })
})
