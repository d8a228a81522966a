// The status bar's reminder that a handover waits for this lead's acknowledgment (g opens it).
import { useMemo } from 'react'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { mayHandOver } from '../commands'
import { openPanel } from '../ui-store'
import { awaitingHandovers } from './handover-model'

export function HandoverBadge() {
  const handovers = useConsole((s) => s.handovers)
  const me = useConsole((s) => s.status?.user?.id ?? null)
  const lead = useConsole((s) => mayHandOver(s.status?.user?.role ?? null, s.status?.access ?? 'viewer'))
  const waiting = useMemo(() => awaitingHandovers(handovers.values(), me), [handovers, me])
  if (!lead || waiting.length === 0) return null
  const items = waiting.reduce((n, h) => n + h.items.filter((i) => !i.acknowledged).length, 0)
  return (
    <button
      type="button"
      className="badge badge--handover"
      data-testid="handover-badge"
      title={t('handover.badgeTitle', { n: waiting.length, items })}
      onClick={() => openPanel({ kind: 'handover', view: 'incoming' })}
    >
      {t('handover.badge', { n: waiting.length })}
    </button>
  )
}
