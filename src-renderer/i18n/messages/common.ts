// Text shared across the console: product name, statuses, urgencies, sources.
const zhCN = {
  'app.title': '网格指挥台',
  'status.reported': '待受理',
  'status.accepted': '已立案',
  'status.rejected': '不予立案',
  'status.merged': '已合并',
  'status.dispatched': '已派遣',
  'status.in_progress': '处置中',
  'status.resolved': '待核查',
  'status.closed': '已结案',
  'status.escalated': '已上报',
  'status.suspended': '挂账',
  'urgency.urgent': '紧急',
  'urgency.important': '重要',
  'urgency.normal': '一般',
  'source.grid_worker': '网格员巡查',
  'source.hotline': '12345热线',
  'source.video': '视频监控',
  'source.public': '群众上报',
  'source.superior': '上级交办',
  'source.department': '部门移交'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'app.title': 'Grid Command Console',
  'status.reported': 'Reported',
  'status.accepted': 'Accepted',
  'status.rejected': 'Rejected',
  'status.merged': 'Merged',
  'status.dispatched': 'Dispatched',
  'status.in_progress': 'In progress',
  'status.resolved': 'To verify',
  'status.closed': 'Closed',
  'status.escalated': 'Escalated',
  'status.suspended': 'Suspended',
  'urgency.urgent': 'Urgent',
  'urgency.important': 'Important',
  'urgency.normal': 'Normal',
  'source.grid_worker': 'Grid patrol',
  'source.hotline': '12345 hotline',
  'source.video': 'Video',
  'source.public': 'Public report',
  'source.superior': 'From above',
  'source.department': 'Department transfer'
}

export const common = { 'zh-CN': zhCN, 'en-US': enUS }
