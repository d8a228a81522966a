// The wall's own theme per wall URL (?theme=light|dark): the light theme changes the chrome and the map
// (palette 'wall-light', legend included), and both themes are readable across the hall by the WCAG
// ratios of src-renderer/wall/contrast.ts: chrome text >= 4.5:1 on every surface it sits on, map symbols
// >= 3:1 on the map's grounds, map text >= 4.5:1.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { INCIDENT_COLORS, LIGHT_INCIDENT_COLORS, PALETTES, isWallTheme, symbolColors } from '../../../src-renderer/map/palette'
import { buildStyle } from '../../../src-renderer/map/style'
import type { SchematicData } from '../../../src-renderer/map/reference-features'
import { followsUrgent } from '../../../src-renderer/map/follow'
import { contrastRatio, MIN_CONTRAST } from '../../../src-renderer/wall/contrast'
import { mapContrastFailures } from '../../../src-renderer/wall/map-contrast'
import { wallMapTheme, wallParams } from '../../../src-renderer/wall/wall-params'

const EMPTY = { type: 'FeatureCollection', features: [] } as SchematicData['streets']
const DATA: SchematicData = { streets: EMPTY, communities: EMPTY, grids: EMPTY, outline: EMPTY, labels: EMPTY }

/** The `--name: value` custom properties of the first rule whose selector is exactly `selector`. */
function cssVars(css: string, selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`)
  if (at < 0) throw new Error(`no rule ${selector} in wall.css`)
  const body = css.slice(at, css.indexOf('}', at))
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] as string, (m[2] as string).trim()]))
}

const WALL_CSS = readFileSync(path.resolve('src-renderer/wall/wall.css'), 'utf8')
const CHROME = {
  dark: cssVars(WALL_CSS, '.gcc-wall'),
  light: cssVars(WALL_CSS, ".gcc-wall[data-theme='light']")
}

describe('the wall theme from its URL', () => {
  it('takes theme=light or dark beside its language, and maps it to the map palette', () => {
    expect(wallParams('?lang=en-US&theme=light')).toEqual({ locale: 'en-US', theme: 'light', ignored: [] })
    expect(wallParams('?token=x')).toMatchObject({ theme: 'dark', ignored: [] })
    expect(wallMapTheme('light')).toBe('wall-light')
    expect(wallMapTheme('dark')).toBe('wall')
  })
  it('does not guess at an unknown theme: the default, and the parameter named as ignored', () => {
    expect(wallParams('?theme=Light')).toEqual({ locale: 'zh-CN', theme: 'dark', ignored: ['theme=Light'] })
  })
  it('keeps the wall behaviour in the light theme (sizes, following): only colours change', () => {
    expect(isWallTheme('wall-light')).toBe(true)
    expect(isWallTheme('console')).toBe(false)
    expect(followsUrgent('wall-light', false)).toBe(true)
    expect(followsUrgent('wall-light', false, false)).toBe(false)
  })
})

describe('the light map', () => {
  it('is built from the light palette: ground, streets, dots and rings', () => {
    const style = buildStyle('wall-light', DATA)
    // The heat view keeps its ramp (transparent to red, drawn over any ground); every other layer is checked.
    const json = JSON.stringify(style.layers.filter((l) => l.type !== 'heatmap'))
    const background = style.layers.find((l) => l.id === 'background') as unknown as { paint: Record<string, unknown> }
    expect(background.paint['background-color']).toBe(PALETTES['wall-light'].background)
    expect(json).toContain(LIGHT_INCIDENT_COLORS.urgent)
    expect(json).toContain(LIGHT_INCIDENT_COLORS.overdueRing)
    // None of the dark set's bright symbol colours is left on the light map.
    for (const key of ['urgent', 'important', 'normal', 'overdueRing', 'selected', 'cluster'] as const) expect(json).not.toContain(INCIDENT_COLORS[key])
    // The dark wall is unchanged.
    expect(JSON.stringify(buildStyle('wall', DATA).layers)).toContain(INCIDENT_COLORS.urgent)
  })
  it('draws a wall-sized map in the light theme too (symbols as large as on the dark wall)', () => {
    const radius = (theme: 'wall' | 'wall-light' | 'console') =>
      JSON.stringify((buildStyle(theme, DATA).layers.find((l) => l.id === 'incident-points') as unknown as { paint: Record<string, unknown> }).paint['circle-radius'])
    expect(radius('wall-light')).toBe(radius('wall'))
    expect(radius('wall-light')).not.toBe(radius('console'))
  })
  it('gives every theme a full set of symbol colours', () => {
    for (const theme of ['console', 'wall', 'wall-light'] as const) {
      const { incident, unit } = symbolColors(theme)
      expect(Object.keys(incident).sort()).toEqual(Object.keys(INCIDENT_COLORS).sort())
      expect(Object.keys(unit)).toHaveLength(3)
    }
  })
})

describe('contrast across the hall', () => {
  it('map symbols and text stand out from both wall maps (symbols 3:1, text 4.5:1)', () => {
    expect(mapContrastFailures('wall')).toEqual([])
    expect(mapContrastFailures('wall-light')).toEqual([])
  })
  it('the check fails a palette that would not be read (the dark set drawn on the light map)', () => {
    // The bright dark-theme yellow ring on the light ground: 1.4:1.
    expect(contrastRatio(INCIDENT_COLORS.overdueRing, PALETTES['wall-light'].background)).toBeLessThan(MIN_CONTRAST.symbol)
  })
  it('the light chrome sets every colour the dark one does (nothing falls back to dark)', () => {
    expect(Object.keys(CHROME.light).sort()).toEqual(Object.keys(CHROME.dark).sort())
  })
  for (const theme of ['dark', 'light'] as const) {
    it(`${theme} chrome: text and figure tones >= 4.5:1 on the bar, the cards and the ground`, () => {
      const v = CHROME[theme]
      const surfaces = ['--wall-bg', '--wall-bar', '--wall-card'].map((k) => v[k] as string)
      const inks = ['--wall-text', '--wall-muted', '--wall-soft', '--tone-neutral', '--tone-good', '--tone-amber', '--tone-red']
      const failures: string[] = []
      for (const ink of inks)
        for (const ground of surfaces) {
          const ratio = contrastRatio(v[ink] as string, ground)
          if (ratio < MIN_CONTRAST.text) failures.push(`${ink} ${v[ink]} on ${ground}: ${ratio.toFixed(2)}`)
        }
      expect(failures).toEqual([])
    })
  }
})
