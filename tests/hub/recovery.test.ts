// Connection-state recovery: after a short transport drop the console gets the live changes it missed,
// and a fresh welcome (with the current headSeq) on the recovered connection.
import { io } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import type { Change, Welcome } from '../../src-shared/protocol'
import { reportIncidents, startTestHub } from '../helpers/start-hub'

describe('connection-state recovery', () => {
  it('replays changes missed during a brief drop', async () => {
    const t = await startTestHub()
    const socket = io(`${t.url}/v1`, {
      auth: { token: t.tokens.viewer, consoleId: 'c-recover', lastSeq: 0, protocol: 1 },
      transports: ['websocket'],
      reconnectionDelay: 300,
      reconnectionDelayMax: 300,
      forceNew: true
    })
    try {
      const seqs: number[] = []
      const welcomes: Welcome[] = []
      socket.on('changes', (m: { changes: Change[] }) => seqs.push(...m.changes.map((c) => c.seq)))
      socket.on('welcome', (w: Welcome) => welcomes.push(w))
      await expect.poll(() => welcomes.length).toBe(1)
      // One live batch first: recovery resumes from the last broadcast the client saw.
      await reportIncidents(t.hub, 1)
      const first = t.hub.store.headSeq()
      await expect.poll(() => seqs.at(-1)).toBe(first)

      const dropped = new Promise<void>((r) => socket.once('disconnect', () => r()))
      socket.io.engine.close()
      await dropped
      await reportIncidents(t.hub, 3)
      const head = t.hub.store.headSeq()
      await expect.poll(() => welcomes.length, { timeout: 5000 }).toBe(2)
      expect(socket.recovered).toBe(true)
      expect(welcomes[1]?.headSeq).toBe(head)
      await expect.poll(() => seqs.at(-1), { timeout: 5000 }).toBe(head)
      expect(seqs).toEqual([first, first + 1, first + 2, first + 3])
    } finally {
      socket.close()
      await t.stop()
    }
  })
})
