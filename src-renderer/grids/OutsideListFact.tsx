// The case's outside-the-list (清单外) dispatch record (issue 14, rev 1.6), as one fact of the detail pane.
import type { OutsideListDispatch } from '../../src-shared/protocol'
import { t } from '../i18n/i18n'

export function OutsideListFact({ record, unitNames }: { record: OutsideListDispatch; unitNames: string }) {
  return (
    <>
      <dt>{t('outside.fact')}</dt>
      <dd data-testid="detail-outside-list">
        {t('outside.detail', { reason: t(`outside.reason.${record.reasonCode}`), orderedBy: record.orderedBy, text: record.reason })}
        {` → ${unitNames}`}
      </dd>
    </>
  )
}
