// @vitest-environment jsdom
// The first-run screen by keys: `1` saves the demo, `2` opens the hub form; a key that belongs to
// an IME composition does nothing; each failed hub test shows its own message and saves nothing.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FirstRunView } from '../../../src-renderer/firstrun/FirstRunView'
import { setLocale } from '../../../src-renderer/i18n/i18n'
import type { HubProbeResult } from '../../../src-shared/api'
import { FakeApi, makeSetup } from '../fixtures'

let api: FakeApi
beforeEach(() => {
  setLocale('zh-CN')
  api = new FakeApi()
  api.setup = makeSetup({ firstRun: true, hub: { kind: 'none' } })
})
afterEach(cleanup)

describe('FirstRunView', () => {
  it('`1` chooses the demo; a composing `1` is left to the IME', async () => {
    const done = vi.fn()
    render(<FirstRunView api={api} setup={api.setup} onDone={done} />)
    const screenRoot = screen.getByTestId('first-run')
    fireEvent.keyDown(screenRoot, { key: '1', isComposing: true })
    fireEvent.keyDown(screenRoot, { key: 'Process', keyCode: 229 })
    expect(api.saved).toEqual([])
    fireEvent.keyDown(screenRoot, { key: '1' })
    await waitFor(() => expect(done).toHaveBeenCalled())
    expect(api.saved).toEqual([{ hub: { kind: 'demo' } }])
  })

  it.each<[HubProbeResult, RegExp]>([
    [{ ok: false, failure: 'unreachable', detail: 'ECONNREFUSED' }, /无法连接到该地址/],
    [{ ok: false, failure: 'refused_token', detail: 'unauthorized' }, /拒绝了该令牌/],
    [{ ok: false, failure: 'wrong_protocol', detail: '404' }, /协议不符/],
    [{ ok: false, failure: 'certificate', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, /证书不受本机信任/]
  ])('`2` opens the hub form; a failed test (%o) is named and nothing is saved', async (probe, text) => {
    const done = vi.fn()
    api.nextProbe = probe
    render(<FirstRunView api={api} setup={api.setup} onDone={done} />)
    fireEvent.keyDown(screen.getByTestId('first-run'), { key: '2' })
    const url = screen.getByTestId('hub-url')
    expect(document.activeElement).toBe(url)
    fireEvent.change(url, { target: { value: 'https://hub.example:4000' } })
    fireEvent.change(screen.getByTestId('hub-token'), { target: { value: 'token-1' } })
    fireEvent.submit(screen.getByTestId('hub-form'))
    await waitFor(() => expect(screen.getByTestId('hub-status').textContent).toMatch(text))
    expect(done).not.toHaveBeenCalled()
  })

  it('asks for an http(s) address before testing anything', async () => {
    render(<FirstRunView api={api} setup={api.setup} onDone={vi.fn()} />)
    fireEvent.keyDown(screen.getByTestId('first-run'), { key: '2' })
    fireEvent.change(screen.getByTestId('hub-url'), { target: { value: 'hub.example' } })
    fireEvent.submit(screen.getByTestId('hub-form'))
    await waitFor(() => expect(screen.getByTestId('hub-status').textContent).toMatch(/http:\/\/ 或 https:\/\//))
    expect(api.saved).toEqual([])
  })
})
