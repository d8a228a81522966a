// @vitest-environment jsdom
// The queue on screen: keys 1–5 filter it, the header's counts are the same filters (click and
// keyboard), Home / End / ] / [ jump, and a new urgent case raises the alert line and the beep.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../../src-renderer/console/ConsoleView'
import { beep } from '../../../../src-renderer/console/queue/urgent-alert'
import { useUi } from '../../../../src-renderer/console/ui-store'
import { applyDelta, applySettings, applySnapshot, useConsole } from '../../../../src-renderer/state/console-store'
import { summarize } from '../../../../src-shared/api'
import type { Incident } from '../../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSettings, makeSnapshot, resetSeat } from '../../fixtures'

vi.mock('../../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const mine = { consoleId: 'console-me', userId: 'user-1', name: 'Li', at: '2026-11-22T01:00:00Z' }
const past = new Date(Date.now() - 3_600_000).toISOString()
const later = new Date(Date.now() + 5 * 3_600_000).toISOString()

// The fixture seat (makeStatus) covers street 110101001 and is console-me / user-1.
const cases: Incident[] = [
  makeIncident({ id: 'new-old', reportedAt: '2026-11-22T01:00:00Z' }),
  makeIncident({ id: 'new-young', reportedAt: '2026-11-22T02:00:00Z', gridCode: '110101002001001' }),
  makeIncident({ id: 'late-1', status: 'dispatched', deadlineAt: past, reportedAt: '2026-11-21T01:00:00Z' }),
  makeIncident({ id: 'late-2', status: 'in_progress', deadlineAt: past, reportedAt: '2026-11-21T02:00:00Z', gridCode: '110101003001001' }),
  makeIncident({ id: 'mine', status: 'dispatched', deadlineAt: later, claimedBy: mine, reportedAt: '2026-11-20T01:00:00Z' })
]

function setup(incidents: Incident[] = cases): FakeApi {
  const api = new FakeApi()
  applySnapshot(makeSnapshot({ incidents: incidents.map(summarize) }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  return api
}

const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }))
const rowIds = () => screen.queryAllByTestId('queue-row').map((r) => r.getAttribute('data-id'))
const selected = () => useConsole.getState().selectedId

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('queue filters', () => {
  it('shows the domain order, and keys 1–5 keep all, 待受理, 超期, mine, my streets', () => {
    setup()
    // Overdue first (most overdue: same deadline, reported earlier), then 待受理 waiting longest, then the rest.
    expect(rowIds()).toEqual(['late-1', 'late-2', 'new-old', 'new-young', 'mine'])
    key('2')
    expect(rowIds()).toEqual(['new-old', 'new-young'])
    expect(screen.getByTestId('queue-count').textContent).toBe('显示 2 / 5 件')
    // The selection moved to what is now shown, so the next key acts on it.
    expect(selected()).toBe('new-old')
    key('3')
    expect(rowIds()).toEqual(['late-1', 'late-2'])
    key('4')
    expect(rowIds()).toEqual(['mine'])
    key('5')
    expect(rowIds()).toEqual(['late-1', 'new-old', 'mine'])
    key('1')
    expect(rowIds()).toHaveLength(5)
  })

  it('the header counts are the filters: each shows its count and its key, and a click (or Enter) applies it', () => {
    setup()
    const group = screen.getByRole('group', { name: '筛选待办案件' })
    const buttons = within(group).getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual(['1全部 5', '2待受理 2', '3超期 2', '4我认领的 1', '5本席位街道 3'])
    fireEvent.click(screen.getByTestId('queue-filter-overdue'))
    expect(rowIds()).toEqual(['late-1', 'late-2'])
    expect(screen.getByTestId('queue-filter-overdue').getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByTestId('queue-filter-all').getAttribute('aria-pressed')).toBe('false')
  })

  it('j / k step through the filtered list only', () => {
    setup()
    key('3')
    expect(selected()).toBe('late-1')
    key('j')
    expect(selected()).toBe('late-2')
    key('j')
    expect(selected()).toBe('late-2')
  })

  it('an empty filter says so and how to get back', () => {
    setup(cases.filter((c) => c.id !== 'mine'))
    key('4')
    expect(screen.getByText('“我认领的”下没有案件（按 1 看全部）')).toBeTruthy()
  })

  it('filter keys wait while a panel is open (digits belong to the panel then)', () => {
    setup()
    key('?')
    expect(useUi.getState().panel?.kind).toBe('help')
    key('3')
    key('Escape')
    expect(rowIds()).toHaveLength(5)
  })
})

describe('queue jumps', () => {
  it('Home, End, ] next overdue and [ next 待受理, wrapping round', () => {
    setup()
    key('End')
    expect(selected()).toBe('mine')
    key('Home')
    expect(selected()).toBe('late-1')
    key(']')
    expect(selected()).toBe('late-2')
    key(']')
    expect(selected()).toBe('late-1')
    key('[')
    expect(selected()).toBe('new-old')
    key('[')
    expect(selected()).toBe('new-young')
    key('[')
    expect(selected()).toBe('new-old')
  })

  it('says so when there is no overdue case to jump to', () => {
    setup(cases.filter((c) => !c.id.startsWith('late')))
    key(']')
    expect(useUi.getState().flash?.text).toBe('当前列表中没有超期案件')
  })
})

describe('new urgent case', () => {
  const delta = (incident: Incident) =>
    act(() =>
      applyDelta({ lastSeq: 20, incidents: [summarize(incident)], removedIncidentIds: [], units: [], removedUnitIds: [], handovers: [], removedHandoverIds: [] })
    )

  it('raises the alert line and beeps once; Show selects it; cases already there do not ring', async () => {
    const beeps = vi.fn()
    const ctor = vi.fn(function (this: object) {
      Object.assign(this, fakeAudio(beeps))
    })
    vi.stubGlobal('AudioContext', ctor)
    try {
      setup([...cases, makeIncident({ id: 'old-urgent', urgency: 'urgent' })])
      expect(screen.queryByTestId('urgent-alert')).toBeNull()
      delta(makeIncident({ id: 'fire', code: 'DC20261122-9001', urgency: 'urgent', title: '燃气泄漏' }))
      const line = screen.getByTestId('urgent-alert')
      expect(line.getAttribute('role')).toBe('alert')
      expect(line.textContent).toContain('新紧急案件 DC20261122-9001：燃气泄漏')
      expect(ctor).toHaveBeenCalledTimes(1)
      expect(beeps).toHaveBeenCalledTimes(2)
      // The same case again (a newer version) is not new.
      delta(makeIncident({ id: 'fire', version: 2, code: 'DC20261122-9001', urgency: 'urgent', title: '燃气泄漏' }))
      expect(ctor).toHaveBeenCalledTimes(1)
      fireEvent.click(within(line).getByRole('button', { name: '查看' }))
      expect(selected()).toBe('fire')
      expect(screen.queryByTestId('urgent-alert')).toBeNull()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('with the sound switched off, only the line shows; the switch saves the setting', async () => {
    const ctor = vi.fn()
    vi.stubGlobal('AudioContext', ctor)
    try {
      const api = setup()
      act(() => applySettings(makeSettings({ urgentSound: true })))
      fireEvent.click(screen.getByTestId('urgent-sound'))
      await waitFor(() => expect(api.settings.urgentSound).toBe(false))
      await waitFor(() => expect(screen.getByTestId('urgent-sound').textContent).toBe('提示音：关'))
      delta(makeIncident({ id: 'fire2', urgency: 'urgent' }))
      expect(screen.getByTestId('urgent-alert')).toBeTruthy()
      expect(ctor).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('beep reports false where Web Audio is missing or refuses', () => {
    expect(beep(undefined)).toBe(false)
    const refusing = function () {
      throw new Error('NotAllowedError')
    } as unknown as new () => AudioContext
    expect(beep(refusing)).toBe(false)
  })
})

function fakeAudio(onStart: () => void) {
  const node = () => ({ connect: () => undefined, gain: { value: 0 }, frequency: { value: 0 }, type: '', start: onStart, stop: () => undefined })
  return { currentTime: 0, destination: {}, createGain: node, createOscillator: node, close: async () => undefined }
}
