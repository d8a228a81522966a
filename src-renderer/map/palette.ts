// Colours of the map per theme: the console seat (calm, dark-grey), the wall (black, high contrast
// for reading from across the hall) and the wall's light theme for a bright hall (/wall?theme=light).
// The legend, the style and the pulse all read a theme's colours from here, so they always match.
export type MapTheme = 'console' | 'wall' | 'wall-light'

/** Both wall themes: the wall's sizes, legend and following; only their colours differ. */
export function isWallTheme(theme: MapTheme): boolean {
  return theme !== 'console'
}

export const INCIDENT_COLORS = {
  urgent: '#ff3b30',
  important: '#ff9f0a',
  normal: '#2f8cff',
  escalated: '#bf5af2',
  suspended: '#8e8e93',
  resolved: '#30d158',
  /** Closed today (legend toggle): a faint grey, history rather than work. */
  closed: '#8a96a8',
  overdueRing: '#ffd60a',
  ring: '#ffffff',
  selected: '#00e5ff',
  /** Lighter than the street fills (>= 3:1 on the wall) and still 5:1 under its white count. */
  cluster: '#4570a8'
} as const

export const UNIT_COLORS = { available: '#34c759', busy: '#ff9f0a', off_duty: '#8e8e93' } as const

export type IncidentColors = Record<keyof typeof INCIDENT_COLORS, string>
export type UnitColors = Record<keyof typeof UNIT_COLORS, string>

/**
 * On a light map the bright dark-theme hues fade into the ground (yellow on white is 1.3:1): the same
 * meanings in deeper shades, each >= 3:1 on the light background and street fills (WCAG 1.4.11,
 * checked in tests/renderer/wall/wall-theme.test.ts). The default ring turns dark (a white ring on a
 * light ground would hide the thick 待受理 ring), the overdue ring a dark gold.
 */
export const LIGHT_INCIDENT_COLORS: IncidentColors = {
  urgent: '#c81e1e',
  important: '#b35200',
  normal: '#1d5fd1',
  escalated: '#7e3ba8',
  suspended: '#5f6b7a',
  resolved: '#187a3a',
  closed: '#9aa5b4',
  overdueRing: '#8f6a00',
  ring: '#0b1522',
  selected: '#00758f',
  cluster: '#2f5d9a'
}

export const LIGHT_UNIT_COLORS: UnitColors = { available: '#187a3a', busy: '#b35200', off_duty: '#5f6b7a' }

/** A theme's symbol colours: the shared dark set, or the light wall's. */
export function symbolColors(theme: MapTheme): { incident: IncidentColors; unit: UnitColors } {
  return theme === 'wall-light' ? { incident: LIGHT_INCIDENT_COLORS, unit: LIGHT_UNIT_COLORS } : { incident: INCIDENT_COLORS, unit: UNIT_COLORS }
}

export type Palette = {
  background: string
  streetFill: [string, string, string]
  streetLine: string
  outline: string
  communityLine: string
  gridLine: string
  gridOpen: string
  gridOverdue: string
  label: string
  labelHalo: string
  gridLabel: string
  clusterText: string
}

export const PALETTES: Record<MapTheme, Palette> = {
  console: {
    background: '#1b2330',
    streetFill: ['#243044', '#26344a', '#222d40'],
    streetLine: '#5b6f8f',
    outline: '#9fb6d9',
    communityLine: '#3d4d66',
    gridLine: '#34445c',
    gridOpen: '#ff9f0a',
    gridOverdue: '#ff3b30',
    label: '#d7e3f4',
    labelHalo: '#1b2330',
    gridLabel: '#8193ad',
    clusterText: '#ffffff'
  },
  wall: {
    background: '#05080d',
    streetFill: ['#0e1622', '#101a28', '#0c141f'],
    streetLine: '#4f6a92',
    outline: '#c9dcff',
    communityLine: '#2a3a52',
    gridLine: '#223249',
    gridOpen: '#ffb340',
    gridOverdue: '#ff453a',
    label: '#f2f6fc',
    labelHalo: '#05080d',
    gridLabel: '#7f93b3',
    clusterText: '#ffffff'
  },
  // A bright hall: pale ground, streets a shade darker, dark text on a white halo.
  'wall-light': {
    background: '#eef1f5',
    streetFill: ['#e2e8f0', '#dce3ed', '#e7ecf3'],
    streetLine: '#6a7f99',
    outline: '#1f3a66',
    communityLine: '#9aabc2',
    gridLine: '#b8c4d4',
    gridOpen: '#b35c00',
    gridOverdue: '#c62828',
    label: '#0b1522',
    labelHalo: '#ffffff',
    gridLabel: '#46566b',
    clusterText: '#ffffff'
  }
}

/** CJK labels render from local fonts (no glyph server): Noto CJK on Linux, YaHei/PingFang elsewhere. */
export const LOCAL_IDEOGRAPH_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
