// The record names what happened: a unit's own 签收 / 处置反馈 (or a district department's result)
// is not shown with the dispatcher's on-behalf button names 代签收 / 代反馈.
import { afterEach, describe, expect, it } from 'vitest'
import { actionLabel } from '../../../../src-renderer/console/detail/Timeline'
import { setLocale } from '../../../../src-renderer/i18n/i18n'

afterEach(() => setLocale('zh-CN'))

describe('timeline action labels', () => {
  it('uses the record’s word where the button name would misname the entry', () => {
    setLocale('zh-CN')
    expect(actionLabel('feedback')).toBe('处置反馈')
    expect(actionLabel('sign')).toBe('签收')
    expect(actionLabel('accept')).toBe('立案')
    expect(actionLabel('something-new')).toBe('something-new')
    setLocale('en-US')
    expect(actionLabel('feedback')).toBe('Handling reported')
    expect(actionLabel('dispatch')).toBe('Dispatch')
  })
})
