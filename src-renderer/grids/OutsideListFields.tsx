// The dispatch panel's reason fields for an outside-the-list (清单外) matter (issue 14, rev 1.6): shown
// only when a chosen grid worker or community committee is outside the list for the case's category.
import type { KeyboardEvent } from 'react'
import './grids.css'
import { OUTSIDE_LIST_REASONS } from '../../src-shared/domain'
import type { OutsideListReason } from '../../src-shared/protocol'
import { t } from '../i18n/i18n'
import type { OutsideListForm } from './outside-list-model'

type Props = {
  need: readonly string[]
  categoryName: string
  value: OutsideListForm
  onChange: (patch: Partial<OutsideListForm>) => void
  /** The panel's Enter-to-send handler (it checks isComposing first). */
  onKeyDown: (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => void
}

export function OutsideListFields({ need, categoryName, value, onChange, onKeyDown }: Props) {
  return (
    <div className="picker__outside" data-testid="dispatch-outside">
      <p className="picker__outside-warning" role="alert">
        {t('outside.warning', { category: categoryName, units: need.join(t('detail.listSeparator')) })}
      </p>
      <label className="field">
        <span>{t('outside.code')}</span>
        <select
          data-testid="dispatch-outside-code"
          value={value.reasonCode}
          onChange={(e) => onChange({ reasonCode: e.target.value as OutsideListReason })}
          onKeyDown={onKeyDown}
        >
          {OUTSIDE_LIST_REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`outside.reason.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('outside.orderedBy')}</span>
        <input
          data-testid="dispatch-outside-ordered-by"
          value={value.orderedBy}
          maxLength={100}
          placeholder={t('outside.orderedByDefault')}
          onChange={(e) => onChange({ orderedBy: e.target.value })}
          onKeyDown={onKeyDown}
        />
      </label>
      <label className="field">
        <span>{t('outside.text')}</span>
        <input
          data-testid="dispatch-outside-text"
          value={value.text}
          maxLength={2000}
          onChange={(e) => onChange({ text: e.target.value })}
          onKeyDown={onKeyDown}
        />
      </label>
    </div>
  )
}
