// First end-to-end path over a real socket: connect, welcome, report, accept, dispatch, live changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole } from './support/client'

let t: TestHub
beforeEach(async () => {
  t = await startTestHub()
})
afterEach(async () => {
  await t.stop()
})

describe('hub smoke path', () => {
  it('welcomes, then reports, accepts and dispatches a case', async () => {
    const dispatcher = await connectConsole(t.url, t.tokens.dispatcher)
    expect(dispatcher.welcome.user.role).toBe('dispatcher')
    expect(dispatcher.welcome.scope.streets).toEqual(['110101001', '110101002'])
    expect(dispatcher.welcome.referenceVersion).toBe('fixture-1')
    const units = dispatcher.welcome.headSeq
    expect(units).toBeGreaterThan(0)

    const reported = await dispatcher.command('report', {}, {
      draft: {
        categoryCode: '0102',
        urgency: 'normal',
        source: 'hotline',
        title: '垃圾堆放',
        description: '',
        address: '东华门大街 1 号',
        location: { lng: 116.4025, lat: 39.905 }
      }
    })
    if (!reported.ok) throw new Error(JSON.stringify(reported))
    expect(reported.entity.gridCode).toBe('110101001001001')
    expect(reported.entity.code).toMatch(/^DC\d{8}-0001$/)
    const id = reported.entity.id

    const accepted = await dispatcher.command('accept', { incidentId: id, expectedVersion: 1 })
    if (!accepted.ok) throw new Error(JSON.stringify(accepted))
    expect(accepted.entity.status).toBe('accepted')

    const dispatched = await dispatcher.command('dispatch', { incidentId: id, expectedVersion: 2 }, { unitIds: ['u-san-110101001'] })
    if (!dispatched.ok) throw new Error(JSON.stringify(dispatched))
    expect(dispatched.entity.status).toBe('dispatched')
    expect(dispatched.entity.deadlineAt).not.toBeNull()

    await dispatcher.waitForSeq(dispatched.seq + 1)
    const unit = await t.hub.store.getUnit('u-san-110101001')
    expect(unit?.openCount).toBe(1)
    dispatcher.close()
  })
})
