// The frame every keyboard panel shares: a centred dialog with a title, a key hint, the panel's
// own error (or the send error from the controller) and a sending state.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { t } from '../../i18n/i18n'
import { useUi } from '../ui-store'

export type ModalProps = {
  title: string
  hint?: string
  /** A local validation message; the controller's send error is shown as well. */
  error?: string | null
  wide?: boolean
  /** Focus the dialog itself (panels driven by single keys); text panels focus their field instead. */
  focusSelf?: boolean
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void
  children: ReactNode
}

export function Modal({ title, hint, error, wide, focusSelf, onKeyDown, children }: ModalProps) {
  const busy = useUi((s) => s.busy)
  const sendError = useUi((s) => s.panelError)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focusSelf) root.current?.focus()
  }, [focusSelf])
  const shown = error ?? sendError
  return (
    <div className="modal-backdrop">
      <div
        ref={root}
        className={`modal${wide ? ' modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 className="modal__title">{title}</h2>
        {children}
        {shown ? (
          <p className="modal__error" role="alert">
            {shown}
          </p>
        ) : null}
        {busy ? <p className="modal__busy">{t('panel.sending')}</p> : null}
        {hint ? <p className="modal__hint">{hint}</p> : null}
      </div>
    </div>
  )
}
