// @vitest-environment jsdom
// Switching language re-renders every text but re-mounts nothing: the map is not rebuilt, the
// selected case stays selected, the open panel stays open.
import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src-renderer/App'
import { closePanel, openPanel, useUi } from '../../../src-renderer/console/ui-store'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { applySettings, applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import { FakeApi, makeIncident, makeReference, makeSettings, makeSnapshot } from '../fixtures'

const mapMounts = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../../src-renderer/map/MapView', () => ({
  MapView: () => {
    useEffect(() => {
      mapMounts.count++
    }, [])
    return null
  }
}))

beforeEach(() => {
  resetConsoleStore()
  closePanel()
  setLocale('zh-CN')
  mapMounts.count = 0
})
afterEach(() => cleanup())

describe('language switch', () => {
  it('keeps the map, the selection and the open panel; the text changes', () => {
    const incident = makeIncident({ id: 'a', code: 'DC20261122-0100', status: 'accepted' })
    applySnapshot(makeSnapshot({ incidents: [summarize(incident)] }))
    useConsole.setState({ reference: makeReference() })
    act(() => applySettings(makeSettings({ locale: 'zh-CN' })))
    render(<App api={new FakeApi()} view="console" />)
    act(() => useConsole.getState().select('a'))
    act(() => openPanel({ kind: 'note', incidentId: 'a' }))
    const mounts = mapMounts.count
    expect(screen.getByRole('dialog').textContent).toContain('备注')

    act(() => applySettings(makeSettings({ locale: 'en-US' })))
    expect(mapMounts.count).toBe(mounts)
    expect(useConsole.getState().selectedId).toBe('a')
    expect(useUi.getState().panel).toEqual({ kind: 'note', incidentId: 'a' })
    expect(screen.getByRole('dialog').textContent).toContain('Note')
    expect(screen.getByTestId('detail').textContent).toContain('DC20261122-0100')
    expect(document.documentElement.lang).toBe('en-US')
  })
})
