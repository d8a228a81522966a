// @vitest-environment jsdom
// The command palette: finds commands by Chinese, full pinyin, initials and English; shows each
// command's key; greys out what the role or the case's state does not allow and says why; Enter
// runs the highlighted command on the selected case; a composing Enter runs nothing.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { COMMAND_REGISTRY } from '../../../src-renderer/console/command-registry'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { pinyinOf, searchCommands } from '../../../src-renderer/console/palette/palette-search'
import { closePanel, useUi } from '../../../src-renderer/console/ui-store'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import type { Incident, Role } from '../../../src-shared/protocol'
import { installLayoutShims } from '../../helpers/jsdom-layout'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const ids = (query: string) => searchCommands(COMMAND_REGISTRY, query).map((e) => e.id)

describe('palette search', () => {
  it('works out pinyin and initials', () => {
    expect(pinyinOf('派遣')).toEqual({ full: 'paiqian', initials: 'pq' })
    expect(pinyinOf('重新办理').full).toBe('chongxinbanli')
  })

  it.each([
    ['pq', 'dispatch'],
    ['paiqian', 'dispatch'],
    ['派遣', 'dispatch'],
    ['dispatch', 'dispatch'],
    ['Dispatch', 'dispatch'],
    ['sb', 'escalate'],
    ['shangbao', 'escalate'],
    ['escal', 'escalate'],
    ['yq', 'extend'],
    ['延期', 'extend'],
    ['db', 'urge'],
    ['督办', 'urge'],
    ['cxbl', 'reopen'],
    ['jjb', 'handover'],
    ['heat', 'map.heat']
  ])('%s finds %s first', (query, id) => {
    expect(ids(query)[0]).toBe(id)
  })

  it('finds nothing for nonsense, everything for an empty query', () => {
    expect(ids('zzzzqqq')).toEqual([])
    expect(ids('')).toHaveLength(COMMAND_REGISTRY.length)
  })
})

function setup(incident: Incident, role: Role = 'dispatcher'): FakeApi {
  const api = new FakeApi()
  api.incidents.set(incident.id, incident)
  applySnapshot(makeSnapshot({ incidents: [summarize(incident)], status: makeStatus({ user: { id: 'me', name: '李', role } }) }))
  useConsole.setState({ reference: makeReference({ responsibilities: [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-1'] }] }) })
  render(<ConsoleView api={api} />)
  act(() => useConsole.getState().select(incident.id))
  return api
}
const press = (k: string, target: Element = document.body, init: Record<string, unknown> = {}) =>
  act(() => void fireEvent.keyDown(target, { key: k, ...init }))
const item = (id: string) => screen.getAllByTestId('palette-item').find((i) => i.getAttribute('data-id') === id) as HTMLElement
const input = () => screen.getByTestId('palette-input')

beforeAll(installLayoutShims)
beforeEach(() => {
  resetConsoleStore()
  closePanel()
  setLocale('zh-CN')
})
afterEach(() => cleanup())

describe('the palette on screen', () => {
  it('opens with Ctrl+K and with l (listed in help), closes with Ctrl+K and Esc', () => {
    setup(makeIncident({ id: 'a', status: 'accepted' }))
    press('k', document.body, { ctrlKey: true })
    expect(useUi.getState().panel?.kind).toBe('palette')
    expect(document.activeElement).toBe(input())
    press('k', input(), { ctrlKey: true })
    expect(useUi.getState().panel).toBeNull()
    press('l')
    expect(useUi.getState().panel?.kind).toBe('palette')
    press('Escape', input())
    expect(useUi.getState().panel).toBeNull()
    press('?')
    const help = screen.getByTestId('help-sheet').querySelector('[data-id="palette"]') as HTMLElement
    expect(Array.from(help.querySelectorAll('kbd')).map((k) => k.textContent)).toEqual(['Ctrl+K', 'l'])
  })

  it('greys out what the role or the state does not allow, and says why', () => {
    setup(makeIncident({ id: 'a', code: 'DC20261122-0007', status: 'accepted' }))
    press('k', document.body, { ctrlKey: true })
    expect(screen.getByTestId('palette-case').textContent).toBe('所选案件：DC20261122-0007')
    expect(item('dispatch').getAttribute('aria-disabled')).toBe('false')
    expect(item('dispatch').querySelector('kbd')?.textContent).toBe('d')
    // A dispatcher may not extend (a lead's command)…
    expect(item('extend').getAttribute('aria-disabled')).toBe('true')
    expect(item('extend').textContent).toContain('您的角色不能延期')
    // …and nobody verifies a case that has not been dispatched and reported done.
    expect(item('verify').getAttribute('aria-disabled')).toBe('true')
    expect(item('verify').textContent).toContain('案件已立案，不能核查')
    expect(item('handover').textContent).toContain('值班长')
  })

  it('says a case must be chosen first when none is', () => {
    setup(makeIncident({ id: 'a', status: 'accepted' }))
    act(() => useConsole.getState().select(null))
    press('k', document.body, { ctrlKey: true })
    expect(item('dispatch').getAttribute('aria-disabled')).toBe('true')
    expect(item('dispatch').textContent).toContain('请先选择一件案件')
    expect(item('find').getAttribute('aria-disabled')).toBe('false')
  })

  it('pq then Enter opens dispatch for the selected case; a composing Enter runs nothing', () => {
    const api = setup(makeIncident({ id: 'a', status: 'accepted' }))
    press('k', document.body, { ctrlKey: true })
    fireEvent.change(input(), { target: { value: 'pq' } })
    expect(screen.getAllByTestId('palette-item')[0]?.getAttribute('data-id')).toBe('dispatch')
    press('Enter', input(), { isComposing: true })
    press('Enter', input(), { keyCode: 229 })
    expect(useUi.getState().panel?.kind).toBe('palette')
    press('Enter', input())
    expect(useUi.getState().panel).toEqual({ kind: 'dispatch', incidentId: 'a' })
    expect(api.commands).toEqual([])
  })

  it('en-US: English names and the same pinyin', () => {
    setLocale('en-US')
    setup(makeIncident({ id: 'a', status: 'accepted' }), 'lead')
    press('k', document.body, { ctrlKey: true })
    fireEvent.change(input(), { target: { value: 'yq' } })
    expect(screen.getAllByTestId('palette-item')[0]?.textContent).toContain('Extend')
  })
})
