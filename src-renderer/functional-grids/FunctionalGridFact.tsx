// The case detail's 功能性网格 fact (rev 1.8): the name of the active functional grid the case's unit
// grid lies in, by the domain's functionalGridOf on the hub's clock. Derived, never stored on the case,
// so it appears while the functional grid is active and goes when it ends.
import { useMemo } from 'react'
import { functionalGridOf } from '../../src-shared/domain'
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'

export function FunctionalGridFact({ gridCode, nowMs }: { gridCode: string; nowMs: number }) {
  const all = useConsole((s) => s.functionalGrids)
  const list = useMemo(() => [...all.values()], [all])
  const fg = list.length === 0 ? null : functionalGridOf(gridCode, list, nowMs)
  if (fg === null) return null
  return (
    <>
      <dt>{t('fg.fact')}</dt>
      <dd data-testid="detail-functional-grid">{fg.name}</dd>
    </>
  )
}
