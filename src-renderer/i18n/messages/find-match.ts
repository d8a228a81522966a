// Issue 16 (h16find): the find panel says what part of a case matched the query.
const zhCN = {
  'findMatch.code': '编号',
  'findMatch.title': '标题',
  'findMatch.address': '地址',
  'findMatch.reporter': '报告人',
  'findMatch.phone': '电话',
  'findMatch.aria': '匹配：{field} {text}',
  'findMatch.panelTitle': '查找案件',
  'findMatch.placeholder': '案件编号（可只输后几位）、标题、地址、报告人姓名或电话（后4位即可）'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'findMatch.code': 'Code',
  'findMatch.title': 'Title',
  'findMatch.address': 'Address',
  'findMatch.reporter': 'Reporter',
  'findMatch.phone': 'Phone',
  'findMatch.aria': 'Matched: {field} {text}',
  'findMatch.panelTitle': 'Find a case',
  'findMatch.placeholder': 'Case code (the last digits will do), title, address, reporter name or phone (last 4 digits will do)'
}

export const findMatchMessages = { 'zh-CN': zhCN, 'en-US': enUS }
