// Issue 15 (k15): the wall link in the settings panel (browser mode), and its rotation.
const zh = {
  'wallLink.section': '大屏链接',
  'wallLink.explain': '大屏（只读）凭此链接中的令牌接入本机。链接外泄时请更换令牌：旧链接立即失效，已打开的大屏随即断开，需用新链接重新打开。',
  'wallLink.rotate': '更换大屏令牌',
  'wallLink.confirm': '确定更换？所有正在显示的大屏将立即断开，需用新链接重新打开。',
  'wallLink.confirmYes': '确定更换',
  'wallLink.cancel': '取消',
  'wallLink.rotated': '已更换。新的大屏链接：',
  'wallLink.failed': '未能更换大屏令牌：{detail}'
}

const en: Record<keyof typeof zh, string> = {
  'wallLink.section': 'Wall link',
  'wallLink.explain':
    'Wall screens (read-only) reach this PC with the token in this link. If the link has leaked, replace the token: the old link stops working at once, open walls are disconnected and must be reopened with the new link.',
  'wallLink.rotate': 'Replace the wall token',
  'wallLink.confirm': 'Replace it? Every wall showing now is disconnected at once and must be reopened with the new link.',
  'wallLink.confirmYes': 'Replace',
  'wallLink.cancel': 'Cancel',
  'wallLink.rotated': 'Replaced. The new wall link:',
  'wallLink.failed': 'The wall token was not replaced: {detail}'
}

export const wallLinkMessages = { 'zh-CN': zh, 'en-US': en }
