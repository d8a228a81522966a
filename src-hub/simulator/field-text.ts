// What the field writes back: feedback notes by major, reasons for returns, district notes.

const FEEDBACK: Readonly<Record<string, readonly string[]>> = {
  '01': ['已组织清理，现场恢复整洁。', '已督促责任主体清运完毕，拍照留存。', '已拆除并清理现场。'],
  '02': ['已清除小广告，墙面恢复原貌。', '已拆除违规广告牌。'],
  '03': ['已责令工地停止夜间施工，并告知施工时间规定。', '工地已覆盖防尘网，出入车辆已冲洗。'],
  '04': ['已设置警示围挡，联系专业单位抢修完毕。', '积水已排除，雨水篦子已疏通，道路恢复通行。', '管线已关阀抢修，现场已恢复。'],
  '05': ['已劝离游商，现场恢复正常通行。', '已联系车主挪车，通道已畅通。', '已规范经营秩序，摊位退回店内。'],
  '06': ['已会同社区调解，双方达成一致。', '已组织人民调解，矛盾已化解。'],
  '07': ['已清理通道内杂物，消防通道畅通。', '已督促整改，隐患已消除。'],
  '08': ['已上门走访并落实帮扶措施。', '已协调相关部门解决居民诉求。']
}

const GENERIC_FEEDBACK = ['已现场处置完毕，拍照留存。', '已按要求处置，请核查。']

export const RETURN_REASONS = [
  '经核实不属于本单位职责范围，请重新派遣。',
  '现场地址有误，无法找到问题点位。',
  '涉及产权单位，需由产权单位处置。',
  '问题需区级部门配合处置，本单位无执法权。'
] as const

export const DEESCALATE_NOTES = [
  '经区中心研判，属街道职权范围，退回街道继续处置。',
  '已协调区相关部门给予支持，请街道牵头处置。',
  '非区级事项，退回街道按属地原则处置。'
] as const

export function feedbackNotes(categoryCode: string): readonly string[] {
  return FEEDBACK[categoryCode.slice(0, 2)] ?? GENERIC_FEEDBACK
}
