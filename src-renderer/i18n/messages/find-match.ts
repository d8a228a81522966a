// Issue 16 (h16find): the find panel says what part of a case matched the query.
const zhCN = {
  'findMatch.code': '编号',
  'findMatch.title': '标题',
  'findMatch.address': '地址',
  'findMatch.reporter': '报告人',
  'findMatch.phone': '电话',
  'findMatch.aria': '匹配：{field} {text}'
}

const enUS: Record<keyof typeof zhCN, string> = {
  'findMatch.code': 'Code',
  'findMatch.title': 'Title',
  'findMatch.address': 'Address',
  'findMatch.reporter': 'Reporter',
  'findMatch.phone': 'Phone',
  'findMatch.aria': 'Matched: {field} {text}'
}

export const findMatchMessages = { 'zh-CN': zhCN, 'en-US': enUS }
