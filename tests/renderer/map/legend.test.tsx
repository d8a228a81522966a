// @vitest-environment jsdom
// The legend folds on the dispatcher's seat (it would cover the district) and is open on the wall.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Legend } from '../../../src-renderer/map/Legend'

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
})
