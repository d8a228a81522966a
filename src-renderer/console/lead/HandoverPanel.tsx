// g: the shift lead's handover (交接班), two views: 接班 (handovers waiting for this lead, shown first
// when there are any) and 交班 (hand over this shift's open cases). In 接班, g switches to 交班.
import { useMemo } from 'react'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { Modal } from '../panels/Modal'
import { openPanel, type HandoverView } from '../ui-store'
import { awaitingHandovers } from './handover-model'
import { HandoverIncoming } from './HandoverIncoming'
import { HandoverSubmit } from './HandoverSubmit'
import './lead.css'

export function HandoverPanel({ view }: { view: HandoverView }) {
  const handovers = useConsole((s) => s.handovers)
  const me = useConsole((s) => s.status?.user?.id ?? null)
  const waiting = useMemo(() => awaitingHandovers(handovers.values(), me), [handovers, me])
  const show = (next: HandoverView): void => openPanel({ kind: 'handover', view: next })
  const tab = (which: HandoverView, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === which}
      className={`handover__tab${view === which ? ' handover__tab--on' : ''}`}
      onClick={() => show(which)}
    >
      {label}
    </button>
  )
  return (
    <Modal title={t('handover.title')} hint={t(view === 'submit' ? 'handover.submitHint' : 'handover.incomingHint')} wide>
      <div className="handover__tabs" role="tablist">
        {tab('incoming', t('handover.incomingTab', { n: waiting.length }))}
        {tab('submit', t('handover.submitTab'))}
      </div>
      {view === 'submit' ? <HandoverSubmit /> : <HandoverIncoming waiting={waiting} onSwitch={() => show('submit')} />}
    </Modal>
  )
}
