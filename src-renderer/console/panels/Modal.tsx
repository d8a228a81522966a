// The frame every keyboard panel shares: a centred dialog with a title, a key hint, the panel's
// own error (or the send error from the controller) and a sending state. Focus stays inside while
// it is open (Tab cycles its fields) and goes back where it was when it closes.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { t } from '../../i18n/i18n'
import { isComposing } from '../../keyboard/composition'
import { trapTab } from '../../keyboard/focus-trap'
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
  // What had focus before this dialog rendered (read before the panel's field autofocuses).
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement))
  useEffect(() => {
    if (focusSelf) root.current?.focus()
  }, [focusSelf])
  // A layout-effect cleanup runs before the next panel's autofocus, so handing focus back here
  // never steals it from a panel that replaces this one (claim warning → dispatch).
  useLayoutEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    },
    [opener]
  )
  const onDialogKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    onKeyDown?.(event)
    if (event.defaultPrevented || !root.current) return
    trapTab(root.current, event)
  }
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
        onKeyDown={onDialogKeyDown}
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
