// Durations and countdowns as dispatchers read them, in both languages.
import { afterEach, describe, expect, it } from 'vitest'
import { formatAgo, formatCountdown, formatDuration } from '../../../src-renderer/console/format'
import { setLocale } from '../../../src-renderer/i18n/i18n'

afterEach(() => setLocale('zh-CN'))

describe('format', () => {
  it('uses the two largest units that matter', () => {
    expect(formatDuration(42_000)).toBe('42秒')
    expect(formatDuration(5 * 60_000 + 10_000)).toBe('5分钟')
    expect(formatDuration(65 * 60_000)).toBe('1小时5分')
    expect(formatDuration(-(3 * 86_400_000 + 2 * 3_600_000))).toBe('3天2小时')
  })

  it('says left or overdue, and just now', () => {
    expect(formatCountdown(30 * 60_000)).toBe('剩30分钟')
    expect(formatCountdown(-30 * 60_000)).toBe('超期30分钟')
    expect(formatAgo(1000)).toBe('刚刚')
    expect(formatAgo(120_000)).toBe('2分钟前')
    setLocale('en-US')
    expect(formatCountdown(-65 * 60_000)).toBe('1 h 5 min overdue')
  })
})
