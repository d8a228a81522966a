// dispatchCall and subscribeEvents: the carrier-independent rules both carriers rely on.
import { describe, expect, it, vi } from 'vitest'
import { dispatchCall, eventFor, isApiMethod, subscribeEvents } from '../../../src-main/core/api-dispatch'
import { createFakeApi, INCIDENT, STATUS } from '../web/fake-console-api'

describe('dispatchCall', () => {
  it('runs a read with parsed params and returns its value', async () => {
    const api = createFakeApi()
    const out = await dispatchCall(api, 'getIncident', ['i-1'], 'operator')
    expect(out).toEqual({ ok: true, value: INCIDENT })
    expect(api.calls).toEqual([{ method: 'getIncident', params: ['i-1'] }])
  })

  it('refuses a viewer the full record and the cache search (reporter data, closed cases), before calling', async () => {
    const api = createFakeApi()
    for (const [method, params] of [['getIncident', ['i-1']], ['findIncidents', ['dc-0001', 10]]] as const) {
      const out = await dispatchCall(api, method, params, 'viewer')
      expect(out.ok ? 'ok' : out.error.code, method).toBe('read_only')
    }
    expect(api.calls).toHaveLength(0)
  })

  it('refuses an unknown method as invalid without calling anything', async () => {
    const api = createFakeApi()
    const out = await dispatchCall(api, 'constructor', [], 'operator')
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.error.code).toBe('invalid')
    expect((await dispatchCall(api, 'on', [], 'operator')).ok).toBe(false)
    expect(api.calls).toHaveLength(0)
  })

  it('refuses bad params as invalid with issues', async () => {
    const api = createFakeApi()
    const out = await dispatchCall(api, 'getIncident', [42], 'operator')
    expect(out.ok).toBe(false)
    if (!out.ok) {
      expect(out.error.code).toBe('invalid')
      expect(out.error.issues?.[0]).toMatch(/^0: /)
    }
    const notArray = await dispatchCall(api, 'getSnapshot', { a: 1 }, 'operator')
    expect(notArray.ok).toBe(false)
    const badCommand = await dispatchCall(api, 'issueCommand', [{ type: 'teleport', payload: {} }], 'operator')
    expect(badCommand.ok).toBe(false)
    if (!badCommand.ok) expect(badCommand.error.issues?.join(' ')).toContain('0.type')
    const badSettings = await dispatchCall(api, 'updateSettings', [{ locale: 'fr-FR' }], 'operator')
    expect(badSettings.ok).toBe(false)
    if (!badSettings.ok) expect(badSettings.error.issues?.join(' ')).toContain('0.locale')
  })

  it('findIncidents: the query is trimmed and both bounds are checked', async () => {
    const api = createFakeApi()
    const found = await dispatchCall(api, 'findIncidents', ['  dc-0001 ', 10], 'operator')
    expect(found).toEqual({ ok: true, value: [expect.objectContaining({ id: INCIDENT.id, code: INCIDENT.code })] })
    expect(api.calls).toEqual([{ method: 'findIncidents', params: ['dc-0001', 10] }])
    for (const [params, path] of [
      [['', 10], /^0: /],
      [['   ', 10], /^0: /],
      [['x'.repeat(65), 10], /^0: /],
      [[42, 10], /^0: /],
      [['0042', 0], /^1: /],
      [['0042', 51], /^1: /],
      [['0042', 2.5], /^1: /],
      [['0042'], /too small/i]
    ] as const) {
      const out = await dispatchCall(api, 'findIncidents', params, 'operator')
      expect(out.ok, JSON.stringify(params)).toBe(false)
      if (!out.ok) {
        expect(out.error.code).toBe('invalid')
        expect(out.error.issues?.[0]).toMatch(path)
      }
    }
    expect(api.calls).toHaveLength(1)
    // 64 characters after trimming is the most.
    expect((await dispatchCall(api, 'findIncidents', [` ${'x'.repeat(64)} `, 50], 'operator')).ok).toBe(true)
  })

  it('refuses every mutating method for a viewer with read_only, before parsing', async () => {
    const api = createFakeApi()
    for (const [method, params] of [
      ['issueCommand', [{ type: 'accept', incidentId: 'i-1', payload: {} }]],
      ['resolveOutbox', ['0b7c7f1e-8a3d-4d0b-9c53-1f0f7b1f5e11', 'discard']],
      ['updateSettings', [{ flyToUrgent: false }]]
    ] as const) {
      const out = await dispatchCall(api, method, params, 'viewer')
      expect(out.ok).toBe(false)
      if (!out.ok) expect(out.error.code).toBe('read_only')
    }
    expect(api.calls).toHaveLength(0)
    const asOperator = await dispatchCall(api, 'updateSettings', [{ flyToUrgent: false }], 'operator')
    expect(asOperator.ok).toBe(true)
  })

  it('turns a method exception into internal and logs it', async () => {
    const api = createFakeApi()
    const log = vi.fn()
    api.failNext('getSettings')
    const out = await dispatchCall(api, 'getSettings', [], 'operator', log)
    expect(out).toEqual({
      ok: false,
      error: { code: 'internal', message: 'getSettings failed inside the console; see the console log' }
    })
    expect(log).toHaveBeenCalledWith('error', expect.stringContaining('fake failure in getSettings'))
    expect((await dispatchCall(api, 'getSettings', [], 'operator')).ok).toBe(true)
  })

  it("reports the client's own access in a snapshot", async () => {
    const api = createFakeApi()
    const out = await dispatchCall(api, 'getSnapshot', [], 'viewer')
    expect(out.ok && (out.value as { status: { access: string } }).status.access).toBe('viewer')
  })

  it('knows the method names', () => {
    expect(isApiMethod('getSnapshot')).toBe(true)
    expect(isApiMethod('toString')).toBe(false)
    expect(isApiMethod(3)).toBe(false)
  })
})

describe('subscribeEvents', () => {
  it('forwards every event, gives a viewer access viewer in status, and unsubscribes all', () => {
    const api = createFakeApi()
    const got: [string, unknown][] = []
    const off = subscribeEvents(api, 'viewer', (e, p) => got.push([e, p]))
    api.emit('status', STATUS)
    api.emit('notice', { id: 'n1', level: 'info', text: '测试', at: '2025-01-01T00:00:00Z' })
    expect(got[0]).toEqual(['status', { ...STATUS, access: 'viewer', hubUrl: '', consoleId: 'wall' }])
    expect(got[1]?.[0]).toBe('notice')
    expect(api.listenerCount()).toBe(7) // one per event; issue 12 added `setup`
    off()
    expect(api.listenerCount()).toBe(0)
  })

  it('keeps other listeners alive when one sender throws', () => {
    const api = createFakeApi()
    const good: unknown[] = []
    subscribeEvents(api, 'operator', () => {
      throw new Error('socket gone')
    })
    subscribeEvents(api, 'operator', (_e, p) => good.push(p))
    expect(() => api.emit('status', STATUS)).not.toThrow()
    expect(good).toEqual([STATUS])
  })

  it('leaves an operator status untouched', () => {
    expect(eventFor('status', STATUS, 'operator')).toBe(STATUS)
  })
})
