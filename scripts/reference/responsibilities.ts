// The demo responsibility matrix (权责清单): category → responsible units in order of preference,
// after docs/domain.md §5. Street units are per street, so rows naming one are emitted per street;
// rows naming only district units use street '*'. Grid workers and community committees are not
// listed: they follow from the case's grid (grid.workerUnitId, communityUnitId(communityCode)).
import {
  type DistrictDept,
  type StreetDept,
  districtDeptUnitId,
  streetDeptUnitId
} from '../../src-shared/reference'
import type { Category, Responsibility } from '../../src-shared/protocol'

type Ref = `sd:${StreetDept}` | `dd:${DistrictDept}`

const BY_CATEGORY: Record<string, Ref[]> = {
  '0101': ['sd:enforcement', 'dd:enforcement'],
  '0102': ['sd:sanitation'],
  '0103': ['sd:sanitation', 'sd:enforcement'],
  '0104': ['sd:sanitation'],
  '0105': ['sd:enforcement', 'sd:sanitation'],
  '0106': ['sd:citymgmt', 'dd:greening'],
  '0107': ['sd:sanitation', 'sd:citymgmt'],
  '0108': ['sd:enforcement', 'dd:traffic'],
  '0109': ['sd:sanitation'],
  '0110': ['sd:enforcement', 'dd:environment'],
  '0201': ['sd:enforcement', 'sd:sanitation'],
  '0202': ['sd:enforcement', 'dd:enforcement'],
  '0203': ['sd:citymgmt', 'sd:enforcement'],
  '0204': ['sd:enforcement'],
  '0205': ['sd:enforcement', 'dd:market'],
  '0301': ['sd:enforcement', 'dd:housing'],
  '0302': ['sd:enforcement', 'dd:environment'],
  '0303': ['sd:enforcement', 'dd:traffic'],
  '0304': ['sd:enforcement', 'dd:housing'],
  '0305': ['sd:enforcement', 'sd:sanitation'],
  '0401': ['dd:citymgmt', 'dd:traffic', 'sd:safety'],
  '0402': ['dd:water', 'sd:safety'],
  '0403': ['dd:gas', 'dd:fire', 'sd:safety'],
  '0404': ['dd:fire', 'sd:safety'],
  '0405': ['dd:drainage', 'sd:sanitation'],
  '0406': ['dd:drainage', 'sd:office'],
  '0407': ['dd:greening', 'sd:citymgmt'],
  '0408': ['dd:police', 'sd:office'],
  '0501': ['sd:enforcement', 'dd:market'],
  '0502': ['sd:enforcement'],
  '0503': ['sd:enforcement'],
  '0504': ['sd:enforcement', 'dd:environment'],
  '0505': ['dd:traffic', 'sd:enforcement'],
  '0506': ['sd:citymgmt', 'sd:enforcement'],
  '0507': ['sd:enforcement'],
  '0508': ['sd:enforcement', 'sd:citymgmt'],
  '0601': ['sd:judicial', 'sd:office'],
  '0602': ['dd:housing', 'sd:judicial'],
  '0603': ['dd:labour', 'sd:judicial'],
  '0604': ['sd:judicial', 'sd:services'],
  '0605': ['dd:police', 'sd:judicial'],
  '0701': ['sd:safety', 'dd:fire'],
  '0702': ['sd:safety', 'dd:fire'],
  '0703': ['dd:gas', 'sd:safety'],
  '0704': ['dd:housing', 'sd:safety'],
  '0705': ['sd:office', 'dd:police'],
  '0706': ['dd:market', 'sd:safety', 'dd:health'],
  '0801': ['sd:services', 'dd:civil'],
  '0802': ['sd:services', 'dd:civil'],
  '0803': ['dd:heating', 'sd:services'],
  '0804': ['sd:services'],
  '0805': ['sd:services', 'dd:civil', 'dd:police'],
  '1101': ['dd:citymgmt', 'sd:citymgmt'],
  '1102': ['dd:citymgmt'],
  '1103': ['dd:water', 'dd:fire'],
  '1104': ['dd:power'],
  '1105': ['dd:drainage', 'sd:citymgmt'],
  '1201': ['dd:traffic'],
  '1202': ['dd:traffic', 'dd:citymgmt'],
  '1203': ['dd:citymgmt', 'sd:citymgmt'],
  '1204': ['dd:citymgmt'],
  '1205': ['dd:citymgmt'],
  '1301': ['dd:greening', 'sd:citymgmt'],
  '1302': ['sd:citymgmt', 'dd:greening'],
  '1303': ['sd:citymgmt', 'dd:greening'],
  '1401': ['sd:sanitation'],
  '1402': ['sd:sanitation'],
  '1403': ['sd:citymgmt', 'sd:services'],
  '1404': ['sd:citymgmt']
}

function resolve(ref: Ref, streetCode: string | null): string {
  const [level, dept] = ref.split(':') as ['sd' | 'dd', string]
  if (level === 'dd') return districtDeptUnitId(dept as DistrictDept)
  if (streetCode === null) throw new Error(`street unit ${ref} in a district-wide row`)
  return streetDeptUnitId(streetCode, dept as StreetDept)
}

/** Units named by a category, unresolved (for unit `categories` lists). */
export function refsOf(categoryCode: string): Ref[] {
  const refs = BY_CATEGORY[categoryCode]
  if (!refs || refs.length === 0) throw new Error(`no responsibility for category ${categoryCode}`)
  return refs
}

export function buildResponsibilities(categories: Category[], streetCodes: string[]): Responsibility[] {
  const known = new Set(categories.map((c) => c.code))
  for (const code of Object.keys(BY_CATEGORY)) if (!known.has(code)) throw new Error(`responsibility for unknown category ${code}`)
  const rows: Responsibility[] = []
  for (const c of categories) {
    const refs = refsOf(c.code)
    if (refs.every((r) => r.startsWith('dd:'))) {
      rows.push({ categoryCode: c.code, streetCode: '*', unitIds: refs.map((r) => resolve(r, null)) })
      continue
    }
    for (const s of streetCodes) rows.push({ categoryCode: c.code, streetCode: s, unitIds: refs.map((r) => resolve(r, s)) })
  }
  return rows
}
