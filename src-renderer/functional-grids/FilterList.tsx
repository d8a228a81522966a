// A short list under a filter field, driven from that field's keys (↑↓ move the highlight): the
// functional-grid form's team and area lists. Chosen rows carry a tick; the highlighted one scrolls
// into view.
import { useEffect, useRef } from 'react'

export type FilterItem = { id: string; label: string; detail: string; chosen: boolean }

export function FilterList({ items, highlight, empty, testId }: { items: readonly FilterItem[]; highlight: number; empty: string; testId: string }) {
  const active = useRef<HTMLLIElement>(null)
  useEffect(() => {
    // jsdom has no scrollIntoView; real browsers do.
    active.current?.scrollIntoView?.({ block: 'nearest' })
  }, [highlight])
  if (items.length === 0) return <p className="fg__muted">{empty}</p>
  return (
    <ul className="fg__list" role="listbox" data-testid={testId}>
      {items.map((item, i) => (
        <li
          key={item.id}
          ref={i === highlight ? active : undefined}
          role="option"
          aria-selected={i === highlight}
          data-id={item.id}
          data-chosen={item.chosen ? 'true' : undefined}
          className={`fg__item${i === highlight ? ' fg__item--active' : ''}${item.chosen ? ' fg__item--chosen' : ''}`}
        >
          <span className="fg__check" aria-hidden="true">
            {item.chosen ? '✓' : ''}
          </span>
          <span className="fg__label">{item.label}</span>
          <span className="fg__detail">{item.detail}</span>
        </li>
      ))}
    </ul>
  )
}
