// Ctrl+K (or l): every command of the registry in one searchable list (cmdk), found by Chinese,
// English, pinyin or initials; each shows its key, and what the selected case's state or the
// role does not allow is greyed out with the reason. Enter runs the highlighted command.
import { Command } from 'cmdk'
import { useMemo, useState } from 'react'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { COMMAND_REGISTRY, entryKeyLabels, type CommandEntry } from '../command-registry'
import { useConsoleContext } from '../console-context'
import { Modal } from '../panels/Modal'
import { closePanel } from '../ui-store'
import { availability, type Seat } from './availability'
import { searchCommands } from './palette-search'

function useSeat(): Seat {
  const status = useConsole((s) => s.status)
  const incident = useConsole((s) => (s.selectedId === null ? null : (s.incidents.get(s.selectedId) ?? null)))
  return { incident, role: status?.user?.role ?? null, access: status?.access ?? 'viewer', consoleId: status?.consoleId ?? null, userId: status?.user?.id ?? null }
}

export function CommandPalette() {
  const { controller } = useConsoleContext()
  const [query, setQuery] = useState('')
  const seat = useSeat()
  const offered = useMemo(() => COMMAND_REGISTRY.filter((e) => e.palette !== false), [])
  const found = useMemo(() => searchCommands(offered, query), [offered, query])
  // The selection is ours, not cmdk's: when a query leaves only disabled items, cmdk keeps pointing
  // aria-activedescendant at an item no longer rendered (axe: aria-valid-attr-value). Each query
  // selects its first item that can run, or nothing.
  const [selected, setSelected] = useState('')
  const onQuery = (q: string): void => {
    setQuery(q)
    setSelected(searchCommands(offered, q).find((e) => availability(e, seat).ok)?.id ?? '')
  }

  const run = (entry: CommandEntry): void => {
    closePanel()
    controller.handleKey(entry.action)
  }

  return (
    <Modal title={t('palette.title')} hint={t('palette.hint')} wide>
      <p className="modal__body palette__case" data-testid="palette-case">
        {seat.incident ? t('palette.case', { code: seat.incident.code }) : t('palette.noCase')}
      </p>
      <Command label={t('palette.label')} shouldFilter={false} vimBindings={false} loop className="palette" value={selected} onValueChange={setSelected}>
        <Command.Input
          autoFocus
          value={query}
          onValueChange={onQuery}
          placeholder={t('palette.placeholder')}
          aria-label={t('palette.placeholder')}
          className="field__input palette__input"
          data-testid="palette-input"
        />
        <Command.List className="palette__list" data-testid="palette-list" tabIndex={0}>
          <Command.Empty className="palette__empty">{t('palette.empty')}</Command.Empty>
          {found.map((entry) => {
            const can = availability(entry, seat)
            return (
              <Command.Item
                key={entry.id}
                value={entry.id}
                disabled={!can.ok}
                onSelect={() => run(entry)}
                className="palette__item"
                data-testid="palette-item"
                data-id={entry.id}
              >
                <span className="palette__label">{t(entry.label)}</span>
                {can.ok ? null : (
                  <span className="palette__why" data-testid="palette-why">
                    {can.why}
                  </span>
                )}
                <span className="palette__keys">
                  {entryKeyLabels(entry).map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              </Command.Item>
            )
          })}
        </Command.List>
      </Command>
    </Modal>
  )
}
