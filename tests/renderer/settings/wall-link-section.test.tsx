// @vitest-environment jsdom
// Issue 15 (k15): the settings panel's wall link. Replacing the wall token asks first (every wall is
// disconnected), then shows the new link; a refusal is shown with its reason. Hidden under Electron.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import { WallLinkSection } from '../../../src-renderer/settings/WallLinkSection'
import { FakeApi } from '../fixtures'

beforeEach(() => setLocale('zh-CN'))
afterEach(() => {
  cleanup()
  delete (globalThis as { gccApi?: unknown }).gccApi
})

describe('WallLinkSection', () => {
  it('asks before replacing the wall token, then shows the new wall link', async () => {
    const api = new FakeApi()
    render(<WallLinkSection api={api} />)
    fireEvent.click(screen.getByTestId('wall-link-rotate'))
    expect(api.rotations).toBe(0)
    expect(screen.getByText(/所有正在显示的大屏将立即断开/)).toBeTruthy()
    fireEvent.click(screen.getByTestId('wall-link-confirm'))
    expect((await screen.findByTestId('wall-link-url')).textContent).toBe('http://127.0.0.1:5173/wall?token=rotated-1')
    expect(api.rotations).toBe(1)
  })

  it('shows why a rotation was refused', async () => {
    const api = new FakeApi()
    api.rotateViewerToken = () =>
      Promise.resolve({ ok: false, error: { code: 'not_ready', message: 'the wall token was set at start (GCC_VIEWER_TOKEN or --token-file)' } })
    render(<WallLinkSection api={api} />)
    fireEvent.click(screen.getByTestId('wall-link-rotate'))
    fireEvent.click(screen.getByTestId('wall-link-confirm'))
    expect((await screen.findByTestId('wall-link-error')).textContent).toContain('未能更换大屏令牌：the wall token was set at start')
  })

  it('is not shown in Electron (no web host, no wall link)', () => {
    const api = new FakeApi()
    ;(globalThis as { gccApi?: unknown }).gccApi = api
    render(<WallLinkSection api={api} />)
    expect(screen.queryByTestId('wall-link')).toBeNull()
  })
})
