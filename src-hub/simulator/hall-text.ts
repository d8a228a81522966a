// What the simulated hall writes into the record: rejection reasons, dispatch instructions,
// escalation reasons and verification notes (case data, like the field's texts, not UI strings).
import { type EscalationReason } from '../../src-shared/protocol'

/** 不予立案 reasons seen in hall practice: duplicates, out of scope, unverifiable, already settled. */
export const REJECT_REASONS = [
  '重复上报，已有同一点位案件在办。',
  '经核实不属于网格化管理受理范围，已告知上报人。',
  '上报信息不全、现场无法核实，不予立案。',
  '现场核查问题已自行消除，不予立案。'
] as const

export const ACCEPT_NOTES = ['信息核实无误，予以立案。', '符合立案标准。', ''] as const

export const DISPATCH_INSTRUCTIONS = ['请按时限处置并反馈。', '请尽快到场核实处置，完成后拍照反馈。', ''] as const

export const URGENT_INSTRUCTION = '紧急案件，请立即到场处置，随时报告进展。'

export const ESCALATE_REASONS: Readonly<Record<EscalationReason, string>> = {
  beyond_authority: '该事项属区级部门职权，街道无执法权，提请区级部门处置。',
  overdue: '案件超期未结，提请上级督办。',
  major: '事态较大，需区级统筹处置。',
  cross_boundary: '涉及跨街道区域，提请区级协调。',
  repeated_return: '案件两次被责任单位退回，街道层面无法落实，提请区级协调。',
  other: '提请上级研判处置。'
}

export const VERIFY_PASS_NOTES = ['现场核查已处置到位，予以结案。', '核查通过。', '经视频核查已处置完毕。'] as const

export const REWORK_NOTES = ['现场核查未处置到位，请返工。', '反馈照片与现场不符，请重新处置。'] as const

/** Rev 1.6: why the hall sends a matter outside the 权责清单 to a grid (the few kinds a hall meets). */
export const OUTSIDE_LIST_REASONS_SIM = [
  { reasonCode: 'superior_order', orderedBy: '区城市管理委员会', reason: '专项整治期间由区城管委交办，网格员先行巡查劝导。' },
  { reasonCode: 'emergency', orderedBy: '街道网格中心', reason: '部门人员未到场，网格员先行到场处置防止扩大。' },
  { reasonCode: 'transition', orderedBy: '街道办事处', reason: '职责划转过渡期，暂由社区网格承接。' },
  { reasonCode: 'superior_order', orderedBy: '区住房和城市建设委员会', reason: '上级部门要求社区配合排查。' }
] as const
