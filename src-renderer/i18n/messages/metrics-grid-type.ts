// 统计 (q), issue 14 item 1: the figures by grid type (设置网格标准's types), on the view's digit key 7.
const zh = {
  'metrics.dim.gridType': '网格类型'
}

const en: Record<keyof typeof zh, string> = {
  'metrics.dim.gridType': 'Grid type'
}

export const metricsGridTypeMessages = { 'zh-CN': zh, 'en-US': en }
