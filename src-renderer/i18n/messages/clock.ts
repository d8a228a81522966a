// The names of a case's time state (src-shared/domain/time-state.ts), one per state.
const zhCN = {
  'clock.none': '未设期限',
  'clock.stopped': '已停止计时',
  'clock.paused': '暂停计时',
  'clock.overdue': '超期',
  'clock.due_soon': '临期',
  'clock.on_time': '未超期'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'clock.none': 'No deadline',
  'clock.stopped': 'Clock stopped',
  'clock.paused': 'Clock paused',
  'clock.overdue': 'Overdue',
  'clock.due_soon': 'Due soon',
  'clock.on_time': 'On time'
}

export const clockMessages = { 'zh-CN': zhCN, 'en-US': enUS }
