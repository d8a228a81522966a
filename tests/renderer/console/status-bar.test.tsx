// @vitest-environment jsdom
// The status bar in plain words (link, last contact, waiting commands, who and in which role) with the
// seq and hub address only in the details popover (keyboard reachable); the first screen names `?`;
// and every clock and date on the console in the centre's time zone, whatever the PC's (run under TZ=UTC
// too: the test sets no zone of its own and must pass in any).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { centreOffsetMinutes, formatClock, formatDateTime, formatOffset } from '../../../src-renderer/console/format'
import { screenOffsetMinutes } from '../../../src-renderer/console/panels/deadline-field'
import { shiftOf } from '../../../src-renderer/console/lead/handover-model'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { FakeApi, makeReference, makeSnapshot, makeStatus, resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

beforeEach(resetSeat)
afterEach(() => cleanup())

function setup(): void {
  applySnapshot(makeSnapshot({ status: makeStatus({ hubUrl: 'http://10.1.2.3:35829', lastSeq: 1024, headSeq: 1030, connection: 'degraded' }) }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={new FakeApi()} />)
}

describe('status bar', () => {
  it('shows no seq and no hub address on the bar; the details popover has them, opened and closed by keyboard', () => {
    setup()
    const bar = screen.getByRole('banner')
    expect(bar.textContent).not.toContain('1024')
    expect(bar.textContent).not.toContain('10.1.2.3')
    expect(within(bar).getByTestId('connection').getAttribute('title')).toBe('网络不稳')
    expect(within(bar).getByText('上次联系', { exact: false })).toBeTruthy()
    expect(within(bar).getByText('Li · 调度员')).toBeTruthy()
    const details = within(bar).getByTestId('status-details')
    expect(details.getAttribute('aria-expanded')).toBe('false')
    act(() => details.focus())
    fireEvent.click(details)
    const popover = screen.getByRole('dialog', { name: '连接详情' })
    expect(document.activeElement).toBe(popover)
    expect(popover.textContent).toContain('已同步到第 1024 条变更（平台最新 1030）')
    expect(popover.textContent).toContain('平台地址：10.1.2.3:35829')
    fireEvent.keyDown(popover, { key: 'Escape', isComposing: true })
    expect(screen.queryByRole('dialog', { name: '连接详情' })).not.toBeNull()
    fireEvent.keyDown(popover, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: '连接详情' })).toBeNull()
    expect(document.activeElement).toBe(details)
  })

  it('the first screen mentions ? for the keys', () => {
    setup()
    expect(screen.getByTestId('first-hint').textContent).toContain('按 ? 查看全部快捷键')
  })
})

describe("the centre's time zone", () => {
  // 2026-11-22 16:05:09 UTC is 2026-11-23 00:05 in Beijing: the date rolls over too.
  const instant = Date.parse('2026-11-22T16:05:09.000Z')

  it('clock and dates follow the reference calendar (UTC+8), not the PC', () => {
    useConsole.setState({ reference: makeReference() })
    expect(centreOffsetMinutes()).toBe(480)
    expect(formatClock(instant)).toBe('00:05:09')
    expect(formatDateTime('2026-11-22T16:05:09.000Z')).toBe('11/23 00:05')
    setLocale('en-US')
    expect(formatDateTime('2026-11-22T16:05:09.000Z')).toBe('11/23, 00:05')
    expect(formatOffset(480)).toBe('UTC+8')
    expect(formatOffset(330)).toBe('UTC+5:30')
    expect(formatOffset(-180)).toBe('UTC-3')
  })

  it('another centre offset moves every time shown, typed deadlines and the shift label with it', () => {
    const calendar = { ...makeReference().calendar, utcOffsetMinutes: -300 }
    useConsole.setState({ reference: makeReference({ calendar }) })
    expect(formatClock(instant)).toBe('11:05:09')
    expect(screenOffsetMinutes()).toBe(-300)
    // The shift label (交接班) is read on the same offset as the clock.
    const beijing = shiftOf(instant, 480)
    const other = shiftOf(instant, screenOffsetMinutes())
    expect(other).not.toEqual(beijing)
  })

  it('the status bar clock shows centre time and names the zone', () => {
    vi.useFakeTimers({ now: instant, toFake: ['Date'] })
    try {
      setup()
      expect(screen.getByTestId('clock').textContent).toBe('00:05:09')
      expect(screen.getByText('中心时间 UTC+8')).toBeTruthy()
    } finally {
      vi.useRealTimers()
    }
  })
})
