// What the field writes back: feedback notes by major, reasons for returns, district notes, and the
// results district departments report on escalated cases (rev 1.3), by major.

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

/** A district department's result on an escalated case: what it did with its own authority. */
const DISTRICT_RESULTS: Readonly<Record<string, readonly string[]>> = {
  '01': ['区城管执法局已立案查处，责令责任主体清理完毕，请街道核查。', '区级部门已督促产权单位落实清运，现场已恢复整洁。'],
  '02': ['区执法部门已依法拆除违规广告设施，请街道核查。', '已责令设置单位限期自行拆除，现已拆除完毕。'],
  '03': ['区住建委已约谈施工单位并责令整改，现场已落实降尘措施。', '区执法部门已对违规施工立案处罚，现场已停工整改。'],
  '04': ['专业单位已抢修完毕，现场恢复正常，请街道核查。', '区相关部门已处置完毕，隐患已排除。'],
  '05': ['区市场监管局已依法查处无照经营，现场已规范。', '交通支队已对违停车辆处罚并拖离，通道已畅通。'],
  '06': ['公安派出所已出警调处，双方达成和解。', '区人社局已督促用人单位支付欠薪，矛盾已化解。'],
  '07': ['区消防救援支队已检查并责令整改，隐患已消除。', '区市场监管局已查处，相关单位已整改到位。'],
  '08': ['区民政局已落实救助帮扶措施。', '区相关部门已协调解决居民诉求，已电话回访。']
}

const GENERIC_DISTRICT_RESULT = ['区级部门已处置完毕，请街道核查结案。', '已由区相关部门办结，处置结果已反馈街道。']

export function districtResultNotes(categoryCode: string): readonly string[] {
  return DISTRICT_RESULTS[categoryCode.slice(0, 2)] ?? GENERIC_DISTRICT_RESULT
}

export function feedbackNotes(categoryCode: string): readonly string[] {
  return FEEDBACK[categoryCode.slice(0, 2)] ?? GENERIC_FEEDBACK
}
