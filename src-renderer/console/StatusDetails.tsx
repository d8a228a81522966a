// The status bar's "详情" button and its popover: the sync position (seq), the hub's address, this
// console's id and the round trip — what support needs, kept off the bar a dispatcher reads. A button
// (Tab, Enter/Space); focus goes into the popover and back; Esc or the button closes it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ConsoleStatus } from '../../src-shared/api'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import './status-bar.css'

function hubLabel(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

export function StatusDetails({ status }: { status: ConsoleStatus }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (open) panel.current?.focus()
  }, [open])
  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Escape') {
      // Ours, not the seat's Esc (which closes panels).
      event.preventDefault()
      event.stopPropagation()
      close()
    }
  }
  return (
    <span className="status-details">
      <button
        ref={button}
        type="button"
        className="status-bar__locale status-bar__details"
        data-testid="status-details"
        aria-expanded={open}
        aria-controls="status-details-popover"
        title={t('bar.detailsTitle')}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('bar.details')}
      </button>
      {open ? (
        <div
          ref={panel}
          id="status-details-popover"
          className="status-details__popover"
          role="dialog"
          aria-label={t('bar.details.heading')}
          tabIndex={-1}
          onKeyDown={onKeyDown}
        >
          <h2 className="status-details__title">{t('bar.details.heading')}</h2>
          <p>{t('bar.details.seq', { seq: status.lastSeq, head: status.headSeq })}</p>
          <p>{t('bar.details.hub', { hub: hubLabel(status.hubUrl) })}</p>
          <p>{t('bar.details.console', { id: status.consoleId })}</p>
          {status.rttMs !== null ? <p>{t('bar.details.rtt', { ms: Math.round(status.rttMs) })}</p> : null}
          <button type="button" className="status-bar__locale status-bar__details" onClick={close}>
            {t('bar.details.close')}
          </button>
        </div>
      ) : null}
    </span>
  )
}
