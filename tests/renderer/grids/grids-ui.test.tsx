// @vitest-environment jsdom
// Issue 14 (rev 1.6) in the seat, by keys: the dispatch picker asks for a reason when a chosen grid
// worker or committee is outside the 权责清单 and sends it; z opens the 网格 panel with the workload
// (workers above the standard flagged) and the 清单外 list; against an older hub both say why not.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConsoleView } from '../../../src-renderer/console/ConsoleView'
import { applySnapshot, useConsole } from '../../../src-renderer/state/console-store'
import { summarize } from '../../../src-shared/api'
import type { GridFeature, Incident, ReferenceData } from '../../../src-shared/protocol'
import { FakeApi, makeIncident, makeReference, makeSnapshot, makeUnit, resetSeat } from '../fixtures'

vi.mock('../../../src-renderer/map/MapView', () => ({ MapView: () => null }))

const GRID = '110101001001007'
const GRID2 = '110101001001008'
const units = [
  makeUnit({ id: 'u-worker', name: '张网格', kind: 'grid_worker', gridCodes: [GRID], categories: [], openCount: 3 }),
  makeUnit({ id: 'u-worker2', name: '李网格', kind: 'grid_worker', gridCodes: [GRID2], categories: [] }),
  makeUnit({ id: 'u-sanitation', name: '环卫所', kind: 'street_dept', categories: ['0102'] })
]

function rev17(): Partial<ReferenceData> {
  const grid = (code: string, households: number): GridFeature => ({
    type: 'Feature',
    properties: { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null, gridType: 'old_residential', households, population: households * 2, areaM2: 9000 },
    geometry: { type: 'Polygon', coordinates: [[[116.4, 39.9], [116.41, 39.9], [116.41, 39.91], [116.4, 39.9]]] }
  })
  return {
    grids: { type: 'FeatureCollection', features: [grid(GRID, 500), grid(GRID2, 100)] },
    gridStandards: [{ gridType: 'old_residential', patrolsPerDay: 3, limitFactor: 1, householdsPerWorker: 400 }],
    dutyList: [{ categoryCode: '0102', grid_worker: 'outside', community: 'outside', street_dept: 'duty', district_dept: 'duty' }]
  }
}

function setup(incidents: Incident[], reference: Partial<ReferenceData>): FakeApi {
  const api = new FakeApi()
  for (const incident of incidents) api.incidents.set(incident.id, incident)
  applySnapshot(makeSnapshot({ incidents: incidents.map(summarize), units }))
  useConsole.setState({ reference: makeReference({ responsibilities: [{ categoryCode: '0102', streetCode: '*', unitIds: ['u-sanitation'] }], ...reference }) })
  render(<ConsoleView api={api} />)
  return api
}

const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }))
const filterField = () => screen.getByRole('textbox', { name: '输入单位名称、编号或类型筛选' })

beforeEach(resetSeat)
afterEach(() => cleanup())

describe('dispatch outside the list', () => {
  it('asks for a reason when the grid worker is chosen, refuses to send without one, sends it with one', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted', version: 2, gridCode: GRID })], rev17())
    key('j')
    key('d')
    const input = filterField()
    // The street department is within the list: no reason asked.
    expect(screen.queryByTestId('dispatch-outside')).toBeNull()
    fireEvent.change(input, { target: { value: '张网格' } })
    const box = screen.getByTestId('dispatch-outside')
    expect(box.textContent).toContain('「暴露垃圾」不在 张网格 的权责清单内')
    key('Enter', input)
    expect(screen.getByRole('dialog').textContent).toContain('清单外派遣须写明交办单位和事由说明')
    expect(api.commands).toHaveLength(0)
    fireEvent.change(within(box).getByTestId('dispatch-outside-code'), { target: { value: 'superior_order' } })
    fireEvent.change(within(box).getByTestId('dispatch-outside-text'), { target: { value: '专项整治交办' } })
    key('Enter', within(box).getByTestId('dispatch-outside-text'))
    await waitFor(() => expect(api.commands).toHaveLength(1))
    expect(api.commands[0]?.payload).toEqual({
      unitIds: ['u-worker'],
      outsideList: { reasonCode: 'superior_order', orderedBy: '本中心', reason: '专项整治交办' }
    })
  })

  it('an older hub (no list) asks nothing', async () => {
    const api = setup([makeIncident({ id: 'a', status: 'accepted', version: 2, gridCode: GRID })], {})
    key('j')
    key('d')
    const input = filterField()
    fireEvent.change(input, { target: { value: '张网格' } })
    expect(screen.queryByTestId('dispatch-outside')).toBeNull()
    key('Enter', input)
    await waitFor(() => expect(api.commands[0]?.payload).toEqual({ unitIds: ['u-worker'] }))
  })
})

describe('z: the 网格 panel', () => {
  it('shows the workload with the worker above the standard flagged, and the 清单外 list', () => {
    const outside = {
      reasonCode: 'superior_order' as const,
      reason: '交办',
      orderedBy: '区城管委',
      unitIds: ['u-worker'],
      categoryCode: '0102',
      by: { id: 'x', name: 'x', role: 'dispatcher' as const },
      at: '2026-11-22T02:00:00.000Z'
    }
    setup([makeIncident({ id: 'a', code: 'DC-1', status: 'dispatched', gridCode: GRID, assignees: ['u-worker'], outsideList: outside })], rev17())
    key('z')
    const panel = screen.getByTestId('grids-panel')
    const rows = within(screen.getByTestId('grids-workload')).getAllByRole('row').slice(1)
    expect(rows.map((r) => r.getAttribute('data-over'))).toEqual(['1', '0'])
    expect(rows[0]?.textContent).toContain('张网格')
    expect(rows[0]?.textContent).toContain('超标准')
    expect(panel.textContent).toContain('网格员工作量（超标准 1 / 2 人）')
    const outsideRows = within(screen.getByTestId('grids-outside')).getAllByRole('row').slice(1)
    expect(outsideRows[0]?.textContent).toContain('区城管委')
    expect(outsideRows[0]?.textContent).toContain('上级交办 1')
    expect(outsideRows[0]?.textContent).toContain('DC-1')
    const byType = within(screen.getByTestId('grids-by-type')).getAllByRole('row')
    expect(byType.find((r) => r.textContent?.startsWith('老旧小区'))?.textContent).toContain('600')
  })

  it('against an older hub says it predates rev 1.6', () => {
    setup([], {})
    key('z')
    expect(screen.getByTestId('grids-older-hub').textContent).toContain('早于协议 1.6')
  })
})
