// The light wall's legend (/wall?theme=light): its rings are not white and yellow there (a white ring
// vanishes on a pale map, yellow reads 1.4:1), so the rows that name a ring's colour say the light one.
const zhCN = {
  'wallTheme.legend.reported': '待受理（深色粗边）',
  'wallTheme.legend.overdue': '超期（金色圈）',
  'wallTheme.legend.cluster': '聚合（数字为案件数；红圈含紧急，金圈含超期）'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'wallTheme.legend.reported': 'Reported (thick dark ring)',
  'wallTheme.legend.overdue': 'Overdue (gold ring)',
  'wallTheme.legend.cluster': 'Cluster (number of cases; red ring: holds urgent, gold: overdue)'
}

export const wallThemeMessages = { 'zh-CN': zhCN, 'en-US': enUS }
