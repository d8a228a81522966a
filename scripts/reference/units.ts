// The demo's responsible units (units.json): grid workers, community committees, street
// departments and district departments, with the stable ids of src-shared/reference.
import {
  DISTRICT_DEPTS,
  type DistrictDept,
  STREET_DEPTS,
  type StreetDept,
  type UnitSeed,
  districtDeptUnitId,
  streetDeptUnitId
} from '../../src-shared/reference'
import type { Responsibility } from '../../src-shared/protocol'

const STREET_DEPT_NAMES: Record<StreetDept, string> = {
  office: '办事处',
  enforcement: '城管执法中队',
  sanitation: '环卫所',
  judicial: '司法所',
  safety: '安监科',
  citymgmt: '城市管理办公室',
  services: '民生保障办公室'
}

const DISTRICT_DEPT_NAMES: Record<DistrictDept, string> = {
  enforcement: '东城区城市管理综合行政执法局',
  citymgmt: '东城区城市管理委员会',
  market: '东城区市场监督管理局',
  police: '北京市公安局东城分局',
  fire: '东城区消防救援支队',
  housing: '东城区住房和城市建设委员会',
  environment: '东城区生态环境局',
  health: '东城区卫生健康委员会',
  greening: '东城区园林绿化局',
  civil: '东城区民政局',
  labour: '东城区人力资源和社会保障局',
  traffic: '东城交通支队',
  gas: '北京燃气集团东城分公司',
  water: '北京自来水集团东城分公司',
  drainage: '北京排水集团东城分公司',
  heating: '北京热力集团东城分公司',
  power: '国网北京东城供电公司'
}

/** Majors a grid worker takes on patrol (everything but emergencies, which go to the services). */
export const GRID_WORKER_CATEGORIES = ['01', '02', '03', '05', '06', '07', '08']
/** Majors a community committee (居委会) handles itself: disputes and livelihood services. */
export const COMMUNITY_CATEGORIES = ['06', '08']

/** Categories each unit is named for in the matrix, sorted. */
function categoriesByUnit(rows: Responsibility[]): Map<string, string[]> {
  const map = new Map<string, Set<string>>()
  for (const r of rows)
    for (const id of r.unitIds) {
      const set = map.get(id) ?? new Set<string>()
      set.add(r.categoryCode)
      map.set(id, set)
    }
  return new Map([...map].map(([id, set]) => [id, [...set].sort()]))
}

export function districtUnits(rows: Responsibility[]): UnitSeed[] {
  const cats = categoriesByUnit(rows)
  return DISTRICT_DEPTS.map((dept) => {
    const id = districtDeptUnitId(dept)
    // District departments are reached by escalation and have no fixed position on the map.
    return {
      id,
      name: DISTRICT_DEPT_NAMES[dept],
      kind: 'district_dept',
      streetCode: null,
      gridCodes: [],
      categories: cats.get(id) ?? [],
      status: 'available',
      location: null
    }
  })
}

export function streetUnits(
  street: { code: string; name: string; office: { lng: number; lat: number } },
  rows: Responsibility[]
): UnitSeed[] {
  const cats = categoriesByUnit(rows)
  return STREET_DEPTS.map((dept) => {
    const id = streetDeptUnitId(street.code, dept)
    return {
      id,
      name: street.name + STREET_DEPT_NAMES[dept],
      kind: 'street_dept',
      streetCode: street.code,
      gridCodes: [],
      categories: cats.get(id) ?? [],
      status: 'available',
      location: street.office
    }
  })
}
