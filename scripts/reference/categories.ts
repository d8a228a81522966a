// The demo category list (事件/部件 大类·小类) with time limits and default urgency, after
// docs/domain.md §3. Rows of the domain table keep its limits exactly; the rest are plausible.
import type { Category, TimeLimit, Urgency } from '../../src-shared/protocol'

type Row = [code: string, name: string, nameEn: string, limit: string, urgency?: Urgency]

/** Majors: code → [Chinese, English, kind]. */
export const MAJORS: Record<string, [string, string, 'event' | 'part']> = {
  '01': ['市容环境', 'City appearance', 'event'],
  '02': ['宣传广告', 'Advertising', 'event'],
  '03': ['施工管理', 'Construction', 'event'],
  '04': ['突发事件', 'Emergencies', 'event'],
  '05': ['街面秩序', 'Street order', 'event'],
  '06': ['矛盾纠纷', 'Disputes', 'event'],
  '07': ['安全隐患', 'Safety hazards', 'event'],
  '08': ['民生服务', 'Livelihood services', 'event'],
  '11': ['公用设施', 'Public utilities', 'part'],
  '12': ['道路交通', 'Roads and traffic', 'part'],
  '13': ['园林绿化', 'Greenery', 'part'],
  '14': ['其他设施', 'Other facilities', 'part']
}

// Limits: '4wh' working hours, '1wd' working days, '60m' wall-clock minutes (urgent cases).
const ROWS: Row[] = [
  // 0101: the table gives "stop works 4 wh; removal 20 wd"; the case limit is the first response.
  ['0101', '私搭乱建', 'Illegal structure', '4wh', 'important'],
  ['0102', '暴露垃圾', 'Exposed rubbish', '4wh'],
  ['0103', '建筑垃圾渣土', 'Construction waste', '1wd'],
  ['0104', '道路保洁', 'Road not clean', '2wh'],
  ['0105', '乱堆物堆料', 'Piled materials', '1wd'],
  ['0106', '绿地养护', 'Green space upkeep', '5wd'],
  ['0107', '乱涂乱画', 'Graffiti', '2wd'],
  ['0108', '废弃车辆', 'Abandoned vehicle', '5wd'],
  ['0109', '垃圾满溢', 'Overflowing bins', '4wh'],
  ['0110', '餐饮油烟', 'Cooking fumes', '3wd'],
  ['0201', '非法小广告', 'Illegal flyers', '1wd'],
  ['0202', '违规户外广告', 'Unlicensed outdoor advertising', '5wd'],
  ['0203', '广告牌匾破损', 'Damaged signboard', '2wd', 'important'],
  ['0204', '违规悬挂横幅', 'Unauthorised banner', '1wd'],
  ['0205', '占道宣传', 'Promotion stall on the pavement', '4wh'],
  ['0301', '施工扰民', 'Construction noise', '4wh'],
  ['0302', '工地扬尘', 'Site dust', '4wh'],
  ['0303', '施工占道', 'Works occupying the road', '1wd'],
  ['0304', '无证施工', 'Unpermitted construction', '1wd', 'important'],
  ['0305', '道路遗撒', 'Spillage from lorries', '4wh'],
  ['0401', '路面塌陷', 'Road collapse', '60m', 'urgent'],
  ['0402', '自来水管破裂', 'Burst water main', '60m', 'urgent'],
  ['0403', '燃气管道破裂', 'Gas leak', '30m', 'urgent'],
  ['0404', '火情', 'Fire', '15m', 'urgent'],
  ['0405', '污水冒溢', 'Sewage overflow', '120m', 'urgent'],
  ['0406', '道路积水', 'Flooding', '120m', 'urgent'],
  ['0407', '树木倒伏', 'Fallen tree', '60m', 'urgent'],
  ['0408', '群体性事件', 'Crowd incident', '30m', 'urgent'],
  ['0501', '无照经营游商', 'Unlicensed vendor', '4wh'],
  ['0502', '店外经营', 'Trading outside the shop', '4wh'],
  ['0503', '占道废品收购', 'Scrap buying on the street', '1wd'],
  ['0504', '露天烧烤', 'Open-air barbecue', '2wh'],
  ['0505', '机动车乱停放', 'Illegal parking', '2wh'],
  ['0506', '非机动车乱停放', 'Bicycle clutter', '4wh'],
  ['0507', '街头散发广告', 'Handing out flyers', '2wh'],
  ['0508', '沿街晾挂', 'Laundry on street fixtures', '1wd'],
  ['0601', '邻里纠纷', 'Neighbour dispute', '3wd'],
  ['0602', '物业纠纷', 'Property management dispute', '5wd'],
  ['0603', '劳资纠纷', 'Unpaid wages dispute', '3wd', 'important'],
  ['0604', '家庭纠纷', 'Family dispute', '3wd'],
  ['0605', '噪声扰民', 'Residential noise', '1wd'],
  ['0701', '消防通道堵塞', 'Blocked fire lane', '2wh', 'important'],
  ['0702', '飞线充电', 'Unsafe e-bike charging', '4wh', 'important'],
  ['0703', '违规使用燃气', 'Unsafe gas use', '4wh', 'important'],
  ['0704', '危险房屋', 'Dangerous building', '1wd', 'important'],
  ['0705', '群租房', 'Overcrowded rental', '3wd'],
  ['0706', '食品安全隐患', 'Food safety hazard', '1wd', 'important'],
  ['0801', '独居老人关怀', 'Elderly person living alone', '1wd'],
  ['0802', '困难群众帮扶', 'Hardship assistance', '3wd'],
  ['0803', '供暖问题', 'Heating failure', '1wd', 'important'],
  ['0804', '公共服务咨询', 'Public service enquiry', '2wd'],
  ['0805', '流浪乞讨人员救助', 'Help for a homeless person', '4wh', 'important'],
  ['1101', '井盖破损缺失', 'Damaged or missing manhole cover', '4wh', 'important'],
  ['1102', '路灯损坏', 'Broken street lamp', '2wd'],
  ['1103', '消火栓损坏', 'Broken fire hydrant', '1wd', 'important'],
  ['1104', '电力设施损坏', 'Damaged power equipment', '1wd', 'important'],
  ['1105', '雨水箅子损坏', 'Damaged storm drain grate', '1wd'],
  ['1201', '交通信号灯损坏', 'Broken traffic light', '4wh', 'important'],
  ['1202', '交通标志损坏', 'Damaged traffic sign', '2wd'],
  ['1203', '道路破损', 'Damaged road surface', '3wd'],
  ['1204', '护栏损坏', 'Damaged railing', '2wd'],
  ['1205', '公交站亭损坏', 'Damaged bus shelter', '3wd'],
  ['1301', '行道树损坏', 'Damaged street tree', '2wd'],
  ['1302', '绿地护栏损坏', 'Damaged green-space fence', '3wd'],
  ['1303', '花坛损坏', 'Damaged flower bed', '3wd'],
  ['1401', '公厕设施损坏', 'Public toilet out of order', '1wd'],
  ['1402', '垃圾桶损坏', 'Damaged litter bin', '1wd'],
  ['1403', '健身器材损坏', 'Damaged fitness equipment', '3wd'],
  ['1404', '公共座椅损坏', 'Damaged bench', '3wd']
]

/** '4wh' → 4 working hours, '1wd' → 1 working day, '30m' → 30 minutes. */
export function parseLimit(text: string): TimeLimit {
  const m = /^(\d+)(wh|wd|m)$/.exec(text)
  if (!m) throw new Error(`bad time limit '${text}'`)
  const unit = m[2] === 'wh' ? 'working_hours' : m[2] === 'wd' ? 'working_days' : 'minutes'
  return { value: Number(m[1]), unit }
}

export function buildCategories(): Category[] {
  return ROWS.map(([code, name, nameEn, limit, urgency]) => {
    const major = code.slice(0, 2)
    const info = MAJORS[major]
    if (!info) throw new Error(`category ${code} has no major`)
    return { code, major, kind: info[2], name, nameEn, limit: parseLimit(limit), defaultUrgency: urgency ?? 'normal' }
  })
}
