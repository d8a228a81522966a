// @vitest-environment jsdom
// The dispatch picker inside an active functional grid (rev 1.8): its team first, under a heading and
// marked with its name, then the plain order unchanged; outside it, and once it has ended by its end
// time, exactly the plain order. The case detail names the functional grid while it is active.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { buildPickerRows } from '../../../src-renderer/console/panels/dispatch-model'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import { FakeApi, makeIncident, makeSnapshot, makeStatus, makeSummary, resetSeat } from '../fixtures'
import { A1, B1, fgReference, fgUnits, makeFunctionalGrid } from './fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const NOW = Date.parse('2026-12-05T06:00:00.000Z')
const fg = makeFunctionalGrid({ unitIds: ['u-cg'], gridCodes: [B1] }, NOW)
const ids = (rows: ReturnType<typeof buildPickerRows>) => rows.map((r) => r.unit.id)

describe('picker order with functional grids', () => {
  const inside = makeSummary({ id: 'in', status: 'accepted', gridCode: B1, location: { lng: 116.4025, lat: 39.9005 } })
  const outside = makeSummary({ id: 'out', status: 'accepted', gridCode: A1, location: { lng: 116.4005, lat: 39.9005 } })

  it('puts the team of the active functional grid the case lies in first, marked, then the plain order', () => {
    const plain = buildPickerRows(inside, fgUnits, [], [], [], NOW)
    const rows = buildPickerRows(inside, fgUnits, [], [], [fg], NOW)
    // The plain rules would not put this street department first (it has no category of the case).
    expect(ids(plain)[0]).not.toBe('u-cg')
    expect(ids(rows)[0]).toBe('u-cg')
    expect(rows[0]).toMatchObject({ group: 'team', functionalGrid: '防汛专项', suggested: true })
    expect(ids(rows).slice(1)).toEqual(ids(plain).filter((id) => id !== 'u-cg'))
    expect(rows.slice(1).every((r) => r.functionalGrid === null && r.group !== 'team')).toBe(true)
  })

  it('outside the functional grid, and after its end time, the order is exactly the plain one', () => {
    const plainOut = buildPickerRows(outside, fgUnits, [], [], [], NOW)
    expect(buildPickerRows(outside, fgUnits, [], [], [fg], NOW)).toEqual(plainOut)
    const afterEnd = Date.parse(fg.toAt)
    expect(buildPickerRows(inside, fgUnits, [], [], [fg], afterEnd)).toEqual(buildPickerRows(inside, fgUnits, [], [], [], afterEnd))
    const endedEarly = { ...fg, endedAt: new Date(NOW - 1000).toISOString(), endReason: '提前结束' }
    expect(ids(buildPickerRows(inside, fgUnits, [], [], [endedEarly], NOW))).toEqual(ids(buildPickerRows(inside, fgUnits, [], [], [], NOW)))
  })
})

describe('on screen', () => {
  beforeEach(resetSeat)
  afterEach(() => cleanup())
  const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }))

  it('the picker heads the team with the functional grid name and the detail names it', () => {
    const live = makeFunctionalGrid({ unitIds: ['u-cg'], gridCodes: [B1] })
    const api = new FakeApi()
    const full = makeIncident({ id: 'a', version: 2, status: 'accepted', gridCode: B1, location: { lng: 116.4025, lat: 39.9005 } })
    api.incidents.set('a', full)
    applySnapshot(makeSnapshot({ incidents: [summarize(full)], units: fgUnits, functionalGrids: [live], status: makeStatus({ hubFeatures: ['functionalGrid'] }) }))
    useConsole.setState({ reference: fgReference() })
    render(<ConsoleView api={api} />)
    key('j')
    expect(screen.getByTestId('detail-functional-grid').textContent).toBe('防汛专项')
    key('d')
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText('功能性网格“防汛专项”队伍')).toBeTruthy()
    const rows = within(dialog).getAllByTestId('picker-row')
    expect(rows[0]?.getAttribute('data-unit-id')).toBe('u-cg')
    expect(rows[0]?.getAttribute('data-team')).toBe('true')
    expect(within(rows[0] as HTMLElement).getByTestId('picker-team').textContent).toBe('防汛专项队伍')
    expect(rows.filter((r) => r.getAttribute('data-team') === 'true')).toHaveLength(1)
  })
})
