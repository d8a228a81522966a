// @vitest-environment jsdom
// IME-safe keys: while a Pinyin (or Windows) IME is composing, Enter picks a candidate and Escape
// cancels it. In every text field of every panel such a key must do nothing — send nothing, show no
// error, move no focus, close nothing, leave the text as it is — and the same key without the
// composition still acts (so the test would fail if the panel ignored Enter altogether).
// Compositions arrive three ways: `isComposing` (Chromium, Firefox), keyCode 229 (Chromium on
// Windows, Safari), key 'Process' (some Windows IMEs).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { useUi } from '../../../src-renderer/console/ui-store'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import { allowedCommands } from '../../../src-shared/domain'
import type { CommandType, Incident, IncidentStatus } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus, makeUnit , resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const STATUSES: IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'suspended', 'closed']
/** A status in which a lead may issue `type` (asked of the domain, not written down here). */
function statusFor(type: CommandType): IncidentStatus {
  const status = STATUSES.find((s) => allowedCommands(s, 'lead').includes(type))
  if (!status) throw new Error(`no status allows ${type}`)
  return status
}

const units = [makeUnit({ id: 'u-1', name: '环卫所', categories: ['0102'] }), makeUnit({ id: 'u-2', name: '城管执法中队', categories: ['0102'] })]

function setup(incident: Incident): FakeApi {
  const api = new FakeApi()
  api.incidents.set(incident.id, incident)
  applySnapshot(
    makeSnapshot({
      incidents: [summarize(incident)],
      units,
      status: makeStatus({ user: { id: 'me', name: '赵值班长', role: 'lead' } })
    })
  )
  useConsole.setState({ reference: makeReference({ responsibilities: [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-1'] }] }) })
  render(<ConsoleView api={api} />)
  act(() => useConsole.getState().select(incident.id))
  return api
}

const COMPOSING: [string, Record<string, unknown>][] = [
  ['isComposing', { isComposing: true }],
  ['keyCode 229', { keyCode: 229 }],
  ["key 'Process'", { key: 'Process', keyCode: 229 }]
]

function textFields(): HTMLElement[] {
  const dialog = screen.getByRole('dialog')
  return Array.from(dialog.querySelectorAll<HTMLElement>('textarea, input:not([type]), input[type="text"], input[type="search"]'))
}

/** Everything a key could change: what was sent, the panel, its error, focus, the text. */
function observe(api: FakeApi) {
  return {
    sent: api.commands.length,
    panel: useUi.getState().panel?.kind ?? null,
    alert: screen.queryByRole('alert')?.textContent ?? null,
    focus: document.activeElement,
    values: screen.queryByRole('dialog') ? textFields().map((f) => (f as HTMLInputElement).value) : []
  }
}

const press = (target: Element, init: Record<string, unknown>) => act(() => void fireEvent.keyDown(target, init))

/** Panel key, the status it needs, extra case fields, and the field where a plain Enter acts. */
const PANELS: { name: string; key: string; command: CommandType; over?: Partial<Incident>; acts: (fields: HTMLElement[]) => HTMLElement }[] = [
  { name: 'reject (r)', key: 'r', command: 'reject', acts: (f) => f[0] as HTMLElement },
  { name: 'urge (u)', key: 'u', command: 'urge', acts: (f) => f[0] as HTMLElement },
  { name: 'note (n)', key: 'n', command: 'note', acts: (f) => f[0] as HTMLElement },
  { name: 'suspend (p)', key: 'p', command: 'suspend', acts: (f) => f[0] as HTMLElement },
  { name: 'reopen (o)', key: 'o', command: 'reopen', acts: (f) => f[0] as HTMLElement },
  { name: 'escalate (e)', key: 'e', command: 'escalate', acts: (f) => f[0] as HTMLElement },
  { name: 'verify (v)', key: 'v', command: 'verify', acts: (f) => f[0] as HTMLElement },
  { name: 'extend (t)', key: 't', command: 'extend', over: { deadlineAt: '2099-01-01T00:00:00.000Z' }, acts: (f) => f[1] as HTMLElement },
  { name: 'merge (m)', key: 'm', command: 'merge', acts: (f) => f[0] as HTMLElement },
  { name: 'dispatch (d)', key: 'd', command: 'dispatch', acts: (f) => f[0] as HTMLElement },
  { name: 'return (w)', key: 'w', command: 'return', over: { assignees: ['u-1', 'u-2'] }, acts: (f) => f[0] as HTMLElement },
  { name: 'feedback (f)', key: 'f', command: 'feedback', over: { assignees: ['u-1', 'u-2'] }, acts: (f) => f[0] as HTMLElement }
]

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('a composing Enter or Escape in a panel does nothing', () => {
  it.each(PANELS)('$name', ({ key, command, over, acts }) => {
    const api = setup(makeIncident({ id: 'a', status: statusFor(command), ...over }))
    press(document.body, { key })
    expect(useUi.getState().panel?.kind).toBe(command)
    const fields = textFields()
    expect(fields.length).toBeGreaterThan(0)
    for (const field of fields) {
      act(() => field.focus())
      fireEvent.change(field, { target: { value: '群众聚集qingkuang' } })
      for (const [how, init] of COMPOSING) {
        for (const k of ['Enter', 'Escape']) {
          const before = observe(api)
          press(field, { key: k, ...init })
          expect(observe(api), `${command}: ${how} ${k} in ${field.tagName}`).toEqual(before)
        }
      }
    }
    // Control: the same Enter without a composition acts (sends, refuses with a message, or moves on).
    const target = acts(fields)
    act(() => target.focus())
    const before = observe(api)
    press(target, { key: 'Enter' })
    expect(observe(api)).not.toEqual(before)
    // And a plain Escape closes the panel.
    if (useUi.getState().panel !== null) {
      press(document.activeElement ?? document.body, { key: 'Escape' })
      expect(useUi.getState().panel).toBeNull()
    }
  })

  it('find (/): a composing Enter does not go to the typed code; Enter does', () => {
    const api = setup(makeIncident({ id: 'a', code: 'DC20261122-0042', status: 'accepted' }))
    act(() => useConsole.getState().select(null))
    press(document.body, { key: '/' })
    const [input] = textFields()
    if (!input) throw new Error('no find field')
    fireEvent.change(input, { target: { value: 'DC20261122-0042' } })
    for (const [how, init] of COMPOSING) {
      for (const k of ['Enter', 'Escape', 'ArrowDown']) {
        const before = observe(api)
        press(input, { key: k, ...init })
        expect(observe(api), `${how} ${k}`).toEqual(before)
      }
    }
    expect(useConsole.getState().selectedId).toBeNull()
    press(input, { key: 'Enter' })
    expect(useConsole.getState().selectedId).toBe('a')
  })

  it('handover (g): composing Enter in a case note or the summary sends nothing and moves nowhere', () => {
    const api = setup(makeIncident({ id: 'a', status: 'dispatched' }))
    press(document.body, { key: 'g' })
    for (const id of ['handover-note', 'handover-summary']) {
      const field = screen.getByTestId(id)
      act(() => field.focus())
      fireEvent.change(field, { target: { value: '本班情况zhengchang' } })
      for (const [how, init] of COMPOSING) {
        const before = observe(api)
        press(field, { key: 'Enter', ...init })
        expect(observe(api), `${id}: ${how}`).toEqual(before)
      }
    }
    const summary = screen.getByTestId('handover-summary')
    press(summary, { key: 'Enter' })
    expect(api.commands).toHaveLength(1)
  })
})

describe('global keys while composing', () => {
  it.each(COMPOSING)('%s: letters and ? do not act on the selected case', (_how, init) => {
    const api = setup(makeIncident({ id: 'a', status: 'reported' }))
    for (const k of ['a', 'd', 'c', '?', '/', 'g', 'j']) press(document.body, { key: k, ...init })
    expect(api.commands).toEqual([])
    expect(useUi.getState().panel).toBeNull()
    expect(useConsole.getState().selectedId).toBe('a')
    press(document.body, { key: 'a' })
    expect(api.commands.map((c) => c.type)).toEqual(['accept'])
  })
})
