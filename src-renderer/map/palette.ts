// Colours of the map per theme: the console seat (calm, dark-grey) and the wall (black, high
// contrast for reading from across the hall). Incident colours are shared so the legend matches.
export type MapTheme = 'console' | 'wall'

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
  }
}

/** CJK labels render from local fonts (no glyph server): Noto CJK on Linux, YaHei/PingFang elsewhere. */
export const LOCAL_IDEOGRAPH_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
