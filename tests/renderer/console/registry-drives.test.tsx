// @vitest-environment jsdom
// One declaration drives everything: with the dispatch key changed in the registry (d → F2; every letter is taken), the
// key that opens the panel, the help sheet, the detail pane's hint and the palette all say F2.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Registry from '../../../src-renderer/console/command-registry'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { closePanel, useUi } from '../../../src-renderer/console/ui-store'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import { installLayoutShims } from '../../helpers/jsdom-layout'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))
vi.mock('../../../src-renderer/console/command-registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>()
  return { ...real, COMMAND_REGISTRY: real.COMMAND_REGISTRY.map((e) => (e.id === 'dispatch' ? { ...e, keys: ['F2'] } : e)) }
})

const press = (k: string, target: Element = document.body, init: Record<string, unknown> = {}) =>
  act(() => void fireEvent.keyDown(target, { key: k, ...init }))

beforeAll(installLayoutShims)
beforeEach(() => {
  resetConsoleStore()
  closePanel()
  setLocale('zh-CN')
  const incident = makeIncident({ id: 'a', status: 'accepted' })
  applySnapshot(makeSnapshot({ incidents: [summarize(incident)], status: makeStatus({ user: { id: 'me', name: '李', role: 'dispatcher' } }) }))
  useConsole.setState({ reference: makeReference() })
  render(<ConsoleView api={new FakeApi()} />)
  act(() => useConsole.getState().select('a'))
})
afterEach(() => cleanup())

describe('the registry drives keys, help, hints and palette', () => {
  it('the new key opens the panel, the old one does nothing', () => {
    press('d')
    expect(useUi.getState().panel).toBeNull()
    press('F2')
    expect(useUi.getState().panel?.kind).toBe('dispatch')
  })

  it('help shows the new key on the dispatch line', () => {
    press('?')
    const row = screen.getByTestId('help-sheet').querySelector('[data-id="dispatch"]') as HTMLElement
    expect(within(row).getAllByText((_, el) => el?.tagName === 'KBD').map((k) => k.textContent)).toEqual(['F2'])
  })

  it('the detail pane hints y for 派遣', () => {
    const hint = within(screen.getByTestId('actions'))
      .getAllByText('派遣')
      .map((el) => el.closest('.action')?.querySelector('kbd')?.textContent)
    expect(hint).toEqual(['F2'])
  })

  it('the palette lists 派遣 with y', () => {
    press('k', document.body, { ctrlKey: true })
    fireEvent.change(screen.getByTestId('palette-input'), { target: { value: 'pq' } })
    const item = screen.getAllByTestId('palette-item').find((i) => i.getAttribute('data-id') === 'dispatch') as HTMLElement
    expect(item.querySelector('kbd')?.textContent).toBe('F2')
  })
})
