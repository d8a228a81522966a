// The storage alarm: the local cache cannot be written (status bar, wall banner, refused commands).
const zh = {
  'storage.kind.full': '磁盘已满',
  'storage.kind.read_only': '缓存文件只读',
  'storage.kind.io': '磁盘读写错误',
  'storage.kind.cannot_open': '缓存文件无法打开',
  'storage.kind.vanished': '缓存文件丢失',
  'storage.bar': '本地存储故障：{kind}',
  'storage.barTitle': '自 {since} 起本地缓存无法写入，正在间隔重试；新命令暂不能受理。请释放磁盘空间或联系管理员。详情：{message}',
  'storage.wall': '本地存储故障（{kind}）· 画面数据可能已过时',
  'storage.refused': '{kind}，命令未保存。请释放磁盘空间或联系管理员'
}

const en: Record<keyof typeof zh, string> = {
  'storage.kind.full': 'Disk full',
  'storage.kind.read_only': 'Cache file is read-only',
  'storage.kind.io': 'Disk I/O error',
  'storage.kind.cannot_open': 'Cache file cannot be opened',
  'storage.kind.vanished': 'Cache file is gone',
  'storage.bar': 'Storage fault: {kind}',
  'storage.barTitle':
    'The local cache cannot be written since {since}; retrying at widening intervals. New commands cannot be taken. Free disk space or call the administrator. Detail: {message}',
  'storage.wall': 'Storage fault ({kind}) · the picture may be out of date',
  'storage.refused': '{kind}: the command was not saved. Free disk space or call the administrator'
}

export const storageMessages = { 'zh-CN': zh, 'en-US': en }
