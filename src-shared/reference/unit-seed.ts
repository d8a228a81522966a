// Schema of resources/reference/units.json (the demo hub's unit seeds) and the id scheme of
// seeded units, so the hub can find e.g. a grid's community committee without a lookup table.
import { z } from 'zod'
import { CommunityCode, StreetCode, Unit } from '../protocol'

/** A protocol Unit without the hub-managed fields (version, seq, openCount). */
export const UnitSeed = Unit.omit({ version: true, seq: true, openCount: true })
export type UnitSeed = z.infer<typeof UnitSeed>

export const UnitSeeds = z.array(UnitSeed).max(100_000)
export type UnitSeeds = z.infer<typeof UnitSeeds>

/** Street departments every sub-district has (街道科室/队所). */
export const STREET_DEPTS = [
  'office', // 街道办事处 (general coordination, the escalation point inside the street)
  'enforcement', // 城管执法中队
  'sanitation', // 环卫所
  'judicial', // 司法所 (mediation)
  'safety', // 安全生产监管科 (安监科)
  'citymgmt', // 城市管理办公室 (streetscape, small public works, greenery upkeep)
  'services' // 民生保障办公室 (livelihood services)
] as const
export type StreetDept = (typeof STREET_DEPTS)[number]

/** District departments reached by escalation (streetCode null). */
export const DISTRICT_DEPTS = [
  'enforcement', // 区城管执法局
  'citymgmt', // 区城市管理委员会 (roads, street lamps, manholes)
  'market', // 区市场监督管理局
  'police', // 公安东城分局
  'fire', // 消防救援支队
  'housing', // 区住房和城乡建设委员会
  'environment', // 区生态环境局
  'health', // 区卫生健康委员会
  'greening', // 区园林绿化局
  'civil', // 区民政局
  'labour', // 区人力资源和社会保障局
  'traffic', // 交通支队
  'gas', // 燃气集团
  'water', // 自来水集团
  'drainage', // 排水集团
  'heating', // 热力集团
  'power' // 供电公司
] as const
export type DistrictDept = (typeof DISTRICT_DEPTS)[number]

export function streetDeptUnitId(streetCode: string, dept: StreetDept): string {
  return `u-sd-${StreetCode.parse(streetCode)}-${dept}`
}

export function districtDeptUnitId(dept: DistrictDept): string {
  return `u-dd-${dept}`
}

/** The community committee (居委会) of a community. */
export function communityUnitId(communityCode: string): string {
  return `u-cc-${CommunityCode.parse(communityCode)}`
}

/** The n-th (1-based) grid worker of a community. */
export function gridWorkerUnitId(communityCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`grid worker number out of range: ${n}`)
  return `u-gw-${CommunityCode.parse(communityCode)}-${String(n).padStart(2, '0')}`
}
