// Shared fixtures for the domain tests: a Beijing working calendar, categories, a machine context.
import type { Calendar, Category, Incident, Role, Unit } from '../../../src-shared/protocol'
import type { MachineContext } from '../../../src-shared/domain'
import { makeUnit } from '../../fixtures/entities'

/** 08:30–12:00 and 13:30–17:30, Mon–Fri, UTC+8; 2026 National Day off (Oct 1–7), 调休 Sun Sep 27 and Sat Oct 10. */
export const beijing: Calendar = {
  utcOffsetMinutes: 480,
  periods: [
    { start: '13:30', end: '17:30' },
    { start: '08:30', end: '12:00' }
  ],
  workdays: [1, 2, 3, 4, 5],
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-09-27', '2026-10-10']
}

/** A local Beijing wall time ('2026-11-23 09:00') as an instant. */
export function bj(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`)
}

export function category(code: string, limit: Category['limit'], defaultUrgency: Category['defaultUrgency'] = 'normal'): Category {
  return { code, major: code.slice(0, 2), kind: 'event', name: `类${code}`, nameEn: `Category ${code}`, limit, defaultUrgency }
}

export const categories = new Map<string, Category>([
  ['0102', category('0102', { value: 4, unit: 'working_hours' })],
  ['0601', category('0601', { value: 3, unit: 'working_days' })],
  ['0403', category('0403', { value: 30, unit: 'minutes' }, 'urgent')]
])

export const units: Unit[] = [
  makeUnit({ id: 'u-san', kind: 'street_dept' }),
  makeUnit({ id: 'u-law', kind: 'street_dept', name: '城管执法队' }),
  makeUnit({ id: 'u-gw', kind: 'grid_worker', name: '网格员', gridCodes: ['110101006001007'] }),
  makeUnit({ id: 'u-police', kind: 'district_dept', name: '派出所', streetCode: null })
]

export function context(overrides: Partial<MachineContext> & { role?: Role } = {}): MachineContext {
  const { role, ...rest } = overrides
  const byId = new Map(units.map((u) => [u.id, u]))
  return {
    now: bj('2026-11-23 09:00'),
    actor: { id: 'user-1', name: '王调度', role: role ?? 'dispatcher' },
    actorUnitId: null,
    consoleId: 'console-1',
    categories,
    calendar: beijing,
    getUnit: (id) => byId.get(id),
    getIncident: () => undefined,
    ...rest
  }
}

/** Deep-freezes a value so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
    Object.freeze(value)
  }
  return value
}

export type { Incident }
