// The map's colours checked against its own ground, per theme (docs/wall.md, "Contrast"): the map is
// drawn on a canvas, which axe cannot see, so the WCAG ratios are computed from the palette itself.
// Every symbol (incident, ring, unit, grid shading, street line) >= 3:1 on the background and on each
// street fill (WCAG 1.4.11, non-text), map text >= 4.5:1 on its halo and the grounds, the cluster count
// >= 4.5:1 on the cluster fill. One rule for both wall themes, used by the unit test and the e2e.
import { PALETTES, symbolColors, type MapTheme } from '../map/palette'
import { contrastRatio, MIN_CONTRAST } from './contrast'

/** One line per colour pair under its minimum; empty when the theme passes. */
export function mapContrastFailures(theme: MapTheme): string[] {
  const p = PALETTES[theme]
  const { incident, unit } = symbolColors(theme)
  const grounds = [p.background, ...p.streetFill]
  // Closed-today dots are drawn at half opacity on purpose (history, off by default): not a symbol to read.
  const { closed: _closed, ...symbols } = incident
  const failures: string[] = []
  const check = (name: string, color: string, ground: string, min: number): void => {
    const ratio = contrastRatio(color, ground)
    if (ratio < min) failures.push(`${theme}: ${name} ${color} on ${ground}: ${ratio.toFixed(2)} < ${min}`)
  }
  for (const [name, color] of Object.entries({ ...symbols, ...unit, gridOpen: p.gridOpen, gridOverdue: p.gridOverdue, streetLine: p.streetLine }))
    for (const ground of grounds) check(name, color, ground, MIN_CONTRAST.symbol)
  for (const [name, color] of Object.entries({ label: p.label, gridLabel: p.gridLabel }))
    for (const ground of [p.labelHalo, ...grounds]) check(name, color, ground, MIN_CONTRAST.text)
  check('cluster count', p.clusterText, incident.cluster, MIN_CONTRAST.text)
  return failures
}
