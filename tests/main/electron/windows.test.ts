// Wall display choice, menu template and labels, start config, and the app:// responses.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appResponse } from '../../../src-main/electron/app-protocol'
import { electronConfig } from '../../../src-main/electron/config'
import { chooseWallDisplay } from '../../../src-main/electron/displays'
import { MAIN_LABELS, labelsFor } from '../../../src-main/electron/labels'
import { menuTemplate } from '../../../src-main/electron/menu'

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }))

const d = (id: number, x = 0) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } })

describe('chooseWallDisplay', () => {
  it('prefers the configured display, then the first external one', () => {
    const displays = [d(1), d(2, 1920), d(3, 3840)]
    expect(chooseWallDisplay(displays, 1, 3, false)?.id).toBe(3)
    expect(chooseWallDisplay(displays, 1, 99, false)?.id).toBe(2)
    expect(chooseWallDisplay(displays, 1, null, false)?.id).toBe(2)
  })

  it('opens nothing with one display unless forced', () => {
    expect(chooseWallDisplay([d(1)], 1, null, false)).toBeNull()
    expect(chooseWallDisplay([d(1)], 1, null, true)?.id).toBe(1)
    expect(chooseWallDisplay([], 1, null, true)).toBeNull()
  })
})

describe('menu and labels', () => {
  it('builds a zh-CN menu whose items call the actions', () => {
    const actions = { openWall: vi.fn(), closeWall: vi.fn(), about: vi.fn() }
    const template = menuTemplate(labelsFor(undefined), actions, { dev: false })
    expect(template.map((m) => m.label)).toEqual(['网格指挥台', '视图', '帮助'])
    const view = template[1]?.submenu as { label?: string; click?: () => void; role?: string }[]
    view.find((i) => i.label === '打开大屏')?.click?.()
    view.find((i) => i.label === '在本屏打开大屏')?.click?.()
    view.find((i) => i.label === '关闭大屏')?.click?.()
    expect(actions.openWall.mock.calls).toEqual([[false], [true]])
    expect(actions.closeWall).toHaveBeenCalledOnce()
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false)
    const dev = menuTemplate(labelsFor('en-US'), actions, { dev: true })
    expect((dev[1]?.submenu as { role?: string }[]).some((i) => i.role === 'toggleDevTools')).toBe(true)
    expect(dev[1]?.label).toBe('View')
  })

  it('has every label in both languages', () => {
    const zh = MAIN_LABELS['zh-CN']
    const en = MAIN_LABELS['en-US']
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort())
    for (const v of [...Object.values(zh), ...Object.values(en)]) expect(v.trim().length).toBeGreaterThan(0)
  })
})

describe('electronConfig', () => {
  it('reads hub flags among Electron arguments, falls back to env and userData', () => {
    const c = electronConfig(['/electron', '.', '--no-sandbox', '--hub', 'http://10.1.1.1:4000'], { GCC_HUB_TOKEN: 'abc' }, '/u')
    expect(c).toMatchObject({ hub: { url: 'http://10.1.1.1:4000', token: 'abc' }, dataDir: '/u', demoRate: 0.5, demo: false })
    expect(electronConfig([], { GCC_HUB_URL: 'https://h', GCC_HUB_TOKEN: 't', GCC_DATA_DIR: '/d' }, '/u')).toMatchObject({
      hub: { url: 'https://h', token: 't' },
      dataDir: '/d'
    })
    expect(electronConfig([], {}, '/u').hub).toBeNull()
    expect(() => electronConfig(['--hub', 'http://h'], {}, '/u')).toThrow(/needs GCC_HUB_TOKEN/)
    expect(() => electronConfig(['--hub', 'javascript:x'], { GCC_HUB_TOKEN: 't' }, '/u')).toThrow(/http\(s\) URL/)
    // A token in argv (ps shows it to every local user) is refused, saying where it goes instead.
    expect(() => electronConfig(['--hub', 'https://h', '--token', 't'], {}, '/u')).toThrow(/not accepted\. Set GCC_HUB_TOKEN/)
    expect(() => electronConfig(['--token=t'], {}, '/u')).toThrow(/ps/)
  })
})

describe('appResponse', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gcc-app-'))
    await mkdir(path.join(dir, 'r', 'assets'), { recursive: true })
    await writeFile(path.join(dir, 'r', 'index.html'), '<!doctype html><title>t</title>')
    await writeFile(path.join(dir, 'r', 'assets', 'a.js'), 'x')
    await writeFile(path.join(dir, 'secret.txt'), 'secret')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('serves the page at /index.html and /wall with the CSP, files with their type', async () => {
    for (const p of ['app://console/index.html', 'app://console/wall', 'app://console/']) {
      const res = await appResponse(path.join(dir, 'r'), p)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    const js = await appResponse(path.join(dir, 'r'), 'app://console/assets/a.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('x')
  })

  it('refuses traversal, other hosts and unknown paths', async () => {
    for (const p of ['app://console/../secret.txt', 'app://console/%2e%2e/secret.txt', 'app://console/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://console/nope']) {
      const res = await appResponse(path.join(dir, 'r'), p)
      expect(res.status, p).toBe(404)
    }
    expect((await appResponse(path.join(dir, 'r'), 'not a url')).status).toBe(400)
  })
})
