// @vitest-environment jsdom
// One clock rule in every view: the same cases put through the domain's caseClock, the queue (row
// state and its 超期 count), the detail pane, the map (dot ring, grid shading) and the wall's key
// figures must agree on which are overdue — a resolved (待核查) case is not, a suspended one is paused.
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../src-renderer/console/ConsoleView'
import { closePanel } from '../../src-renderer/console/ui-store'
import { setLocale } from '../../src-renderer/i18n/i18n'
import { GridAggregator } from '../../src-renderer/map/grid-aggregate'
import { incidentProps } from '../../src-renderer/map/incident-features'
import { applySnapshot, resetConsoleStore, useConsole } from '../../src-renderer/state/console-store'
import { isOverdue as queueOverdue } from '../../src-renderer/state/selectors'
import { computeKeyFigures } from '../../src-renderer/wall/key-figures'
import { summarize, type IncidentSummary } from '../../src-shared/api'
import { isOverdue as domainIsOverdue, timeState, type TimeState } from '../../src-shared/domain'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeStatus } from './fixtures'

vi.mock('../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const HOUR = 3_600_000
const now = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()

/** Each case with the state the rule must give it. */
const CASES: [IncidentSummary, TimeState][] = [
  [summarize(makeIncident({ id: 'late', status: 'dispatched', deadlineAt: iso(now - 2 * HOUR), gridCode: 'g1' })), 'overdue'],
  [summarize(makeIncident({ id: 'late-progress', status: 'in_progress', deadlineAt: iso(now - 10 * HOUR), gridCode: 'g2' })), 'overdue'],
  [summarize(makeIncident({ id: 'resolved-late', status: 'resolved', deadlineAt: iso(now - 2 * HOUR), gridCode: 'g1' })), 'stopped'],
  [
    summarize(makeIncident({ id: 'paused', status: 'suspended', deadlineAt: iso(now - HOUR), pausedAt: iso(now - 3 * HOUR), gridCode: 'g2' })),
    'paused'
  ],
  [summarize(makeIncident({ id: 'soon', status: 'in_progress', deadlineAt: iso(now + 30 * 60_000), gridCode: 'g3' })), 'due_soon'],
  [summarize(makeIncident({ id: 'fine', status: 'dispatched', deadlineAt: iso(now + 5 * HOUR), gridCode: 'g3' })), 'on_time'],
  [summarize(makeIncident({ id: 'new', status: 'accepted', deadlineAt: null, gridCode: 'g3' })), 'none'],
  [summarize(makeIncident({ id: 'closed-late', status: 'closed', deadlineAt: iso(now - 5 * HOUR), gridCode: 'g1' })), 'stopped']
]
const OVERDUE = CASES.filter(([, s]) => s === 'overdue').map(([c]) => c.id)

afterEach(() => {
  cleanup()
  resetConsoleStore()
  closePanel()
})

describe('one clock rule', () => {
  it('the domain gives each case its state', () => {
    for (const [incident, state] of CASES) expect(timeState(incident, now), incident.id).toBe(state)
    expect(CASES.filter(([c]) => domainIsOverdue(c, new Date(now))).map(([c]) => c.id)).toEqual(OVERDUE)
  })

  it('queue, detail, map and wall agree with it', () => {
    setLocale('zh-CN')
    applySnapshot(makeSnapshot({ incidents: CASES.map(([c]) => c), status: makeStatus({ clockSkewMs: 0 }) }))
    useConsole.setState({ reference: makeReference() })
    render(<ConsoleView api={new FakeApi()} />)

    // Queue: each open case's row, and the 超期 count above the list.
    const rows = screen.getAllByTestId('queue-row')
    const rowStates = Object.fromEntries(rows.map((r) => [r.getAttribute('data-id'), r.querySelector('[data-time-state]')?.getAttribute('data-time-state')]))
    for (const [incident, state] of CASES) if (incident.status !== 'closed') expect(rowStates[incident.id], `queue ${incident.id}`).toBe(state)
    expect(screen.getByText(`超期 ${OVERDUE.length}`)).toBeTruthy()
    expect(CASES.filter(([c]) => queueOverdue(c, now)).map(([c]) => c.id)).toEqual(OVERDUE)

    // Detail: the deadline line of each case, selected in turn.
    for (const [incident, state] of CASES) {
      act(() => useConsole.getState().select(incident.id))
      expect(screen.getByTestId('detail-deadline').getAttribute('data-time-state'), `detail ${incident.id}`).toBe(state)
    }

    // Map: the dot's overdue ring and the grids' overdue shading.
    expect(CASES.filter(([c]) => incidentProps(c, now).overdue === 1).map(([c]) => c.id)).toEqual(OVERDUE)
    const grids = new GridAggregator()
    grids.apply(
      CASES.map(([c]) => c),
      [],
      now
    )
    const overdueByGrid = [...grids.entries()].reduce((n, [, counts]) => n + counts.overdue, 0)
    expect(overdueByGrid).toBe(OVERDUE.length)

    // Wall: the 超期 key figure.
    expect(computeKeyFigures(CASES.map(([c]) => c), now, null).overdue).toBe(OVERDUE.length)
  })
})
