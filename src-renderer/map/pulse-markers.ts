// The pulse on new urgent cases as HTML markers with a CSS animation (pulse.css).
// The browser's compositor animates them (transform and opacity only), so a pulsing case costs
// the map no redraw: MapLibre moves a marker only when the camera moves and repaints its canvas
// only when its data or view changes.
import { Marker, type Map as MaplibreMap } from 'maplibre-gl'
import './pulse.css'

type Pulse = { marker: Marker; timer: ReturnType<typeof setTimeout> }

export class PulseMarkers {
  private readonly pulses = new Map<string, Pulse>()

  constructor(
    private readonly map: MaplibreMap,
    /** Ring diameter in CSS px at its widest (the wall draws larger). */
    private readonly diameter: number,
    /** The theme's urgent colour (palette.ts), so the ring matches the urgent dots it circles. */
    private readonly color: string
  ) {}

  /** Cases pulsing now. */
  get count(): number {
    return this.pulses.size
  }

  /** Pulse at `coordinates` (as displayed) for `ms`; a case already pulsing starts over there. */
  add(id: string, coordinates: [number, number], ms: number): void {
    this.remove(id)
    const element = document.createElement('div')
    element.className = 'gcc-pulse'
    element.dataset.pulse = id
    element.dataset.testid = 'map-pulse'
    element.style.setProperty('--gcc-pulse-size', `${this.diameter}px`)
    element.style.setProperty('--gcc-pulse-color', this.color)
    // Two rings half a period apart, so a still picture always shows one.
    element.append(document.createElement('span'), document.createElement('span'))
    const marker = new Marker({ element, anchor: 'center' }).setLngLat(coordinates).addTo(this.map)
    const timer = setTimeout(() => this.remove(id), ms)
    this.pulses.set(id, { marker, timer })
  }

  /** A pulsing case moved: its ring follows. */
  move(id: string, coordinates: [number, number]): void {
    this.pulses.get(id)?.marker.setLngLat(coordinates)
  }

  remove(id: string): void {
    const held = this.pulses.get(id)
    if (!held) return
    clearTimeout(held.timer)
    held.marker.remove()
    this.pulses.delete(id)
  }

  clear(): void {
    for (const id of [...this.pulses.keys()]) this.remove(id)
  }
}
