// A fixed-height, windowed list for the handover panels: only the rows in view (plus a few) are in the
// DOM, so a handover of thousands of cases stays as quick as one of ten. The active row is kept in view.
import { useEffect, useRef, useState, type ReactNode } from 'react'

const OVERSCAN = 8

export type VirtualRowsProps = {
  count: number
  rowHeight: number
  /** Height of the scrolling box in pixels. */
  height: number
  /** The row to keep in view (keyboard focus of the list), or -1. */
  activeIndex: number
  label: string
  renderRow: (index: number) => ReactNode
}

/** First and last (exclusive) rows to draw for a scroll position. */
export function windowRows(scrollTop: number, height: number, rowHeight: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN)
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN)
  return [first, Math.max(first, last)]
}

export function VirtualRows({ count, rowHeight, height, activeIndex, label, renderRow }: VirtualRowsProps) {
  const box = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)

  useEffect(() => {
    const el = box.current
    if (!el || activeIndex < 0) return
    const top = activeIndex * rowHeight
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height
    setScrollTop(el.scrollTop)
  }, [activeIndex, rowHeight, height])

  const [first, last] = windowRows(scrollTop, height, rowHeight, count)
  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vrows__row" style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}>
        {renderRow(i)}
      </div>
    )
  }
  return (
    <div
      ref={box}
      className="vrows"
      role="listbox"
      aria-label={label}
      // Out of the Tab order (Chromium makes scrollers focusable): the keys move the list from the field.
      tabIndex={-1}
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vrows__spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  )
}
