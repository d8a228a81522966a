// The one-line result of the last key action (queued, not allowed, failed), fading after a while.
import { useEffect } from 'react'
import { clearFlash, useUi } from './ui-store'

const SHOW_MS = { ok: 4000, error: 8000 }

export function Flash() {
  const flash = useUi((s) => s.flash)
  useEffect(() => {
    if (!flash) return
    const timer = setTimeout(clearFlash, SHOW_MS[flash.tone])
    return () => clearTimeout(timer)
  }, [flash])
  if (!flash) return null
  return (
    <div className={`flash flash--${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'} data-testid="flash">
      {flash.text}
    </div>
  )
}
