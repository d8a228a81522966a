// Text of the wall screen: key figures, clock, banners.
const zhCN = {
  'wall.title': '网格化城市管理指挥大屏',
  'wall.figure.open': '在办',
  'wall.figure.overdue': '超期',
  'wall.figure.urgent': '紧急',
  'wall.figure.acceptedToday': '今日立案',
  'wall.figure.closedToday': '今日结案',
  'wall.figure.onTimeRate': '按期结案率',
  'wall.figure.none': '—',
  'wall.clock.label': '指挥中心时间',
  'wall.banner.offline': '网络中断 — 显示本地缓存',
  'wall.banner.demo': '演示模式 — 模拟数据',
  'wall.banner.connecting': '正在连接…',
  'wall.loading': '正在载入数据…'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'wall.title': 'Grid Management Command Wall',
  'wall.figure.open': 'Open',
  'wall.figure.overdue': 'Overdue',
  'wall.figure.urgent': 'Urgent',
  'wall.figure.acceptedToday': 'Accepted today',
  'wall.figure.closedToday': 'Closed today',
  'wall.figure.onTimeRate': 'On-time closure',
  'wall.figure.none': '—',
  'wall.clock.label': 'Hub time',
  'wall.banner.offline': 'Network down — showing the local cache',
  'wall.banner.demo': 'Demo mode — simulated data',
  'wall.banner.connecting': 'Connecting…',
  'wall.loading': 'Loading data…'
}

export const wallMessages = { 'zh-CN': zhCN, 'en-US': enUS }
