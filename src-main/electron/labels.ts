// Text the main process shows (menus, dialogs). The renderer's i18n cannot reach main, so this
// one table holds it: zh-CN first, en-US complete, chosen by the console's locale setting.
export type Locale = 'zh-CN' | 'en-US'

export type MainLabels = {
  appMenu: string
  view: string
  openWall: string
  openWallHere: string
  closeWall: string
  toggleFullScreen: string
  reload: string
  devTools: string
  quit: string
  help: string
  about: string
  aboutDetail: string
  noExternalDisplay: string
  startFailedTitle: string
  startFailed: string
}

export const MAIN_LABELS: Readonly<Record<Locale, MainLabels>> = {
  'zh-CN': {
    appMenu: '网格指挥台',
    view: '视图',
    openWall: '打开大屏',
    openWallHere: '在本屏打开大屏',
    closeWall: '关闭大屏',
    toggleFullScreen: '切换全屏',
    reload: '重新加载',
    devTools: '开发者工具',
    quit: '退出',
    help: '帮助',
    about: '关于网格指挥台',
    aboutDetail: '街道网格化治理指挥调度台',
    noExternalDisplay: '未检测到外接显示器。可用“在本屏打开大屏”在当前显示器上打开。',
    startFailedTitle: '指挥台无法启动',
    startFailed: '启动失败：'
  },
  'en-US': {
    appMenu: 'Grid Command Console',
    view: 'View',
    openWall: 'Open wall screen',
    openWallHere: 'Open wall screen on this display',
    closeWall: 'Close wall screen',
    toggleFullScreen: 'Toggle full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    quit: 'Quit',
    help: 'Help',
    about: 'About Grid Command Console',
    aboutDetail: 'Dispatch console for sub-district grid governance',
    noExternalDisplay: 'No external display found. Use "Open wall screen on this display" to open it here.',
    startFailedTitle: 'The console could not start',
    startFailed: 'Start failed: '
  }
}

export function labelsFor(locale: string | undefined): MainLabels {
  return locale === 'en-US' ? MAIN_LABELS['en-US'] : MAIN_LABELS['zh-CN']
}
