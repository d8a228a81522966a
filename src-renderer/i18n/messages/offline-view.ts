// Issue 16 (h16offline): the optimistic view, visible rollbacks, the console's offline banner, stale presence.
const zhCN = {
  'optimistic.status': '{status}（待发送）',
  'rollback.flash': '已撤回“{cmd}”：{reason}，案件恢复为{status}',
  'rollback.flashNoCase': '已撤回“{cmd}”：{reason}',
  'rollback.conflict': '平台上的案件已被他人改动',
  'conflict.heading': '先处理者',
  'conflict.unknown': '平台未记录是谁改动了案件',
  'offline.degraded': '网络不稳',
  'offline.offline': '离线',
  'offline.lastContact': '距上次联系 {ago}',
  'offline.neverContact': '尚未联系上平台',
  'offline.waiting': '{n} 条命令待发送',
  'offline.none': '无待发送命令',
  'offline.hint': '可继续操作，命令将在恢复后按顺序提交',
  'presence.stale': '在线坐席（{n}，已过时）'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'optimistic.status': '{status} (waiting to send)',
  'rollback.flash': 'Rolled back “{cmd}”: {reason}; the case is {status} again',
  'rollback.flashNoCase': 'Rolled back “{cmd}”: {reason}',
  'rollback.conflict': 'someone else changed the case on the hub',
  'conflict.heading': 'Got there first',
  'conflict.unknown': 'The hub does not record who changed the case',
  'offline.degraded': 'Link unstable',
  'offline.offline': 'Offline',
  'offline.lastContact': 'last contact {ago}',
  'offline.neverContact': 'no contact with the hub yet',
  'offline.waiting': '{n} commands waiting',
  'offline.none': 'no commands waiting',
  'offline.hint': 'Keep working; commands are sent in order when the link is back',
  'presence.stale': 'Seats online ({n}, stale)'
}

export const offlineViewMessages = { 'zh-CN': zhCN, 'en-US': enUS }
