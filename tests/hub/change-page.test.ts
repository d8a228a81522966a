// Sync pages travel as the stored rows' UTF-8 spliced into JSON (src-hub/change-page.ts): the bytes must
// be exactly what JSON.stringify of the parsed changes gives, for every page, scope and byte cut, and a
// console must receive the same changes as the store's objects over a WebSocket (the ready frame), over
// HTTP long-polling (the text made from the bytes) and over a polling connection that upgrades.
import { afterEach, describe, expect, it } from 'vitest'
import { parseChange, type Change } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'

let t: TestHub | null = null
const open: TestConsole[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

type SyncOk = { ok: true; changes: Change[]; headSeq: number; more: boolean }

describe('sync pages as stored text', () => {
  it('equal JSON.stringify of the parsed changes, byte for byte, on every page, scope and byte cut', async () => {
    t = await startTestHub({ seedIncidents: 30 })
    // Text that JSON escapes: quotes, backslashes, a line break, Chinese and a surrogate pair.
    await reportIncidents(t.hub, 2, { title: '引号"与\\反斜杠\n换行 𠀀' })
    const store = t.hub.store
    for (const scope of ['*', new Set(['110101002']), new Set<string>()] as const) {
      for (const maxBytes of [undefined, 3000]) {
        let since = 0
        for (let guard = 0; guard < 500; guard++) {
          const objects = await store.changesSince(since, 7, scope, maxBytes)
          const texts = await store.changesSinceUtf8(since, 7, scope, maxBytes)
          expect(texts.changes.map((parts) => Buffer.concat(parts).toString('utf8'))).toEqual(objects.changes.map((c) => JSON.stringify(c)))
          expect(texts.more).toBe(objects.more)
          expect(texts.bytes).toBe(objects.bytes)
          expect(texts.lastSeq).toBe(objects.changes.at(-1)?.seq ?? 0)
          if (!objects.more) break
          since = objects.changes.at(-1)?.seq ?? since
        }
      }
    }
  })

  it.each([[['websocket']], [['polling']], [['polling', 'websocket']]] as const)('reach a console over %j as the same changes the store holds', async (transports) => {
    t = await startTestHub({ seedIncidents: 12 })
    await reportIncidents(t.hub, 1, { title: '路面"塌陷"\\ 𠀀' })
    const c = await connectConsole(t.url, t.tokens.viewer, { transports: [...transports] })
    open.push(c)
    const got: Change[] = []
    let since = 0
    for (;;) {
      const page = await c.request<SyncOk>('sync', { sinceSeq: since, limit: 5 })
      expect(page.ok).toBe(true)
      got.push(...page.changes)
      if (!page.more) {
        expect(page.headSeq).toBe(t.hub.store.headSeq())
        break
      }
      since = page.changes.at(-1)?.seq ?? since
    }
    const all = (await t.hub.store.changesSince(0, 5000, '*')).changes
    expect(got).toEqual(all)
    for (const raw of got) expect(parseChange(raw).ok).toBe(true)
    expect(got.some((x) => x.entity === 'incident' && x.data !== null && x.data.title.includes('"塌陷"'))).toBe(true)
  })
})
