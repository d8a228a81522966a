// Issue 16 (k16b): offline work — duplicate pending refusal, issued vs applied time, who got there first.
const zhCN = {
  'error.duplicate': '相同的命令仍在待发送，未重复加入',
  'timeline.issued': '发出于 {at}',
  'conflict.by': '{name} {at} {action}',
  'conflict.nextRetry': '按 s 基于当前版本重新提交',
  'conflict.nextDiscard': '案件已由他人处理，按 x 放弃此命令'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'error.duplicate': 'The same command is still waiting to be sent; it was not queued again',
  'timeline.issued': 'issued {at}',
  'conflict.by': '{name} {action} at {at}',
  'conflict.nextRetry': 'Press s to send it again on the current version',
  'conflict.nextDiscard': 'Someone else has handled the case; press x to discard this command'
}

export const offlineWorkMessages = { 'zh-CN': zhCN, 'en-US': enUS }
