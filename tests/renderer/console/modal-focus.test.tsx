// @vitest-environment jsdom
// Dialogs keep focus: Tab and Shift+Tab cycle inside the open panel (in 延期, deadline ↔ reason),
// never out to the page; closing the panel gives focus back to where it was.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { closePanel, useUi } from '../../../src-renderer/console/ui-store'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const press = (target: Element, init: Record<string, unknown>) => act(() => void fireEvent.keyDown(target, init))

beforeEach(() => {
  resetConsoleStore()
  closePanel()
  setLocale('zh-CN')
  const incident = makeIncident({ id: 'a', status: 'dispatched', deadlineAt: '2099-01-01T00:00:00.000Z' })
  const api = new FakeApi()
  applySnapshot(makeSnapshot({ incidents: [summarize(incident)], status: makeStatus({ user: { id: 'me', name: '赵', role: 'lead' } }) }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={api} />)
  act(() => useConsole.getState().select('a'))
})
afterEach(() => cleanup())

describe('modal focus trap', () => {
  it('Tab in 延期 cycles deadline ↔ reason both ways, and focus never leaves the dialog', () => {
    press(document.body, { key: 't' })
    const dialog = screen.getByRole('dialog')
    const deadline = screen.getByTestId('extend-deadline')
    const reason = dialog.querySelector('textarea') as HTMLTextAreaElement
    expect(document.activeElement).toBe(reason)
    press(reason, { key: 'Tab' })
    expect(document.activeElement).toBe(deadline)
    press(deadline, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(reason)
    // From the dialog itself (after a click on its text), Tab goes to the first field.
    act(() => dialog.focus())
    press(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(deadline)
    // Tab between the two (deadline → reason) is left to the browser: not prevented.
    const event = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })
    act(() => void deadline.dispatchEvent(event))
    expect(event.defaultPrevented).toBe(false)
    // A composing Tab (some IMEs page candidates with it) is left to the IME.
    press(reason, { key: 'Tab', isComposing: true })
    expect(document.activeElement).toBe(deadline)
  })

  it('a dialog with no field keeps focus on itself; closing gives focus back', () => {
    const opener = screen.getAllByRole('button', { hidden: true, name: /./ })[0] ?? document.body
    act(() => opener.focus())
    const before = document.activeElement
    press(document.body, { key: '?' })
    const dialog = screen.getByRole('dialog')
    expect(document.activeElement).toBe(dialog)
    press(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(dialog)
    press(dialog, { key: 'Escape' })
    expect(useUi.getState().panel).toBeNull()
    expect(document.activeElement).toBe(before)
  })
})
