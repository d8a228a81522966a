// @vitest-environment jsdom
// The legend folds on the dispatcher's seat (it would cover the district) and is open on the wall.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Legend } from '../../../src-renderer/map/Legend'
import { INCIDENT_COLORS, LIGHT_INCIDENT_COLORS } from '../../../src-renderer/map/palette'

afterEach(cleanup)

describe('Legend', () => {
  it('is folded on the console and opens on click', () => {
    render(<Legend theme="console" closedToday={false} onClosedToday={() => undefined} />)
    const list = screen.getByTestId('map-legend').querySelector('ul')!
    expect(list.hidden).toBe(true)
    expect(screen.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(screen.getByTestId('legend-toggle'))
    expect(list.hidden).toBe(false)
    expect(screen.getByText('紧急')).toBeTruthy()
  })

  it('is open on the wall', () => {
    render(<Legend theme="wall" closedToday={false} onClosedToday={() => undefined} />)
    expect(screen.getByTestId('map-legend').querySelector('ul')!.hidden).toBe(false)
    expect(screen.getByTestId('legend-toggle').getAttribute('aria-expanded')).toBe('true')
  })

  it('on the light wall: open, wall-sized, with the light map\'s own colours', () => {
    render(<Legend theme="wall-light" closedToday={false} onClosedToday={() => undefined} />)
    const legend = screen.getByTestId('map-legend')
    expect(legend.className).toContain('gcc-legend--wall')
    expect(legend.className).toContain('gcc-legend--light')
    expect(legend.querySelector('ul')!.hidden).toBe(false)
    const urgent = screen.getByText('紧急').querySelector('.gcc-legend__dot') as HTMLElement
    // jsdom reports colours as rgb(); compare through a probe element.
    const probe = document.createElement('span')
    probe.style.background = LIGHT_INCIDENT_COLORS.urgent
    expect(urgent.style.background).toBe(probe.style.background)
    probe.style.background = INCIDENT_COLORS.urgent
    expect(urgent.style.background).not.toBe(probe.style.background)
    // Rows naming a ring's colour name the light wall's rings, not white and yellow.
    expect(legend.textContent).toContain('待受理（深色粗边）')
    expect(legend.textContent).toContain('超期（金色圈）')
    expect(legend.textContent).not.toContain('黄圈')
    expect(legend.textContent).not.toContain('白色')
  })
})
