// N in the Shift+F panel: a shift lead lays out a functional grid by keyboard — name, purpose, from/to
// (now and a week on by default), the team (units filtered as in the dispatch picker; Space picks) and
// the area: a community or a street from the reference (↑↓ choose), typed unit grid codes, or an
// optional GeoJSON polygon file. The form checks what the hub will check (the domain's rules) and keeps
// everything typed whatever the answer; Ctrl+Enter (or Enter in the last field) submits.
import { useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react'
import { useConsoleContext } from '../console/console-context'
import { formatDateTime } from '../console/format'
import { screenOffsetMinutes } from '../console/panels/deadline-field'
import { Modal } from '../console/panels/Modal'
import { useUi } from '../console/ui-store'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { useConsole } from '../state/console-store'
import { hubNow } from '../state/selectors'
import { AREA_KINDS, areaGridsOf, buildCreate, coveredGrids, parsePolygonFile, type AreaKind, type FgForm, type FormError } from './fg-model'
import { areaOptions, defaultForm, filterAreas, filterTeam, teamRows } from './fg-pickers'
import { FilterList } from './FilterList'
import { MAX_FG_TEAM } from '../../src-shared/protocol'

type Field = 'name' | 'purpose' | 'from' | 'to' | 'team' | 'areaKind' | 'area'
const ORDER: readonly Field[] = ['name', 'purpose', 'from', 'to', 'team', 'areaKind', 'area']

export function FgCreateForm({ onBack }: { onBack: () => void }) {
  const { controller } = useConsoleContext()
  const reference = useConsole((s) => s.reference)
  const units = useConsole((s) => s.units)
  const existing = useConsole((s) => s.functionalGrids)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const busy = useUi((s) => s.busy)
  const [form, setForm] = useState<FgForm>(() => defaultForm(hubNow(skew), screenOffsetMinutes()))
  const [error, setError] = useState<FormError | null>(null)
  const [teamQuery, setTeamQuery] = useState('')
  const [teamAt, setTeamAt] = useState(0)
  const [areaQuery, setAreaQuery] = useState('')
  const [areaAt, setAreaAt] = useState(0)
  const [fileName, setFileName] = useState<string | null>(null)
  const refs = useRef(new Map<Field, HTMLElement | null>())

  const grids = useMemo(() => areaGridsOf(reference), [reference])
  const streetNames = useMemo(() => new Map((reference?.streets ?? []).map((s) => [s.code, s.name])), [reference])
  const team = useMemo(() => filterTeam(teamRows(units.values()), teamQuery, (c) => streetNames.get(c) ?? null), [units, teamQuery, streetNames])
  const listKind = form.areaKind === 'community' || form.areaKind === 'street' ? form.areaKind : null
  const areas = useMemo(() => (listKind === null ? [] : filterAreas(areaOptions(reference, listKind, grids), areaQuery)), [reference, listKind, grids, areaQuery])
  const covered = useMemo(() => coveredGrids(form, grids), [form, grids])
  const teamHighlight = team.length === 0 ? -1 : Math.min(teamAt, team.length - 1)
  const areaHighlight = areas.length === 0 ? -1 : Math.min(areaAt, areas.length - 1)

  const edit = (patch: Partial<FgForm>): void => {
    setForm((f) => ({ ...f, ...patch }))
    setError(null)
    useUi.setState({ panelError: null })
  }
  const focus = (field: Field): void => refs.current.get(field)?.focus()
  const next = (field: Field): void => {
    const at = ORDER.indexOf(field)
    const after = ORDER[at + 1]
    if (after) focus(after)
    else submit()
  }
  /** The area list's choice follows its highlight: one community or street, never none while any matches. */
  const chooseArea = (index: number, list = areas): void => {
    const option = list[index]
    setAreaAt(Math.max(0, index))
    if (listKind === 'community') edit({ communityCode: option?.code ?? null })
    else if (listKind === 'street') edit({ streetCode: option?.code ?? null })
  }

  const submit = (f: FgForm = form): void => {
    if (busy) return
    const built = buildCreate(f, { nowMs: hubNow(skew), offsetMinutes: screenOffsetMinutes(), grids, existing: [...existing.values()], format: formatDateTime })
    if (!built.ok) return setError(built.error)
    setError(null)
    void controller.submit({ type: 'functionalGrid.create', payload: built.payload })
  }

  const onFormKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      submit()
    }
  }
  /** Enter in a one-line field goes on to the next field (the last one submits). */
  const onFieldKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    // Each field names itself (data-field), so one handler serves them all.
    next(event.currentTarget.dataset.field as Field)
  }
  const onTeamKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setTeamAt(Math.max(0, Math.min(team.length - 1, teamHighlight + (event.key === 'ArrowDown' ? 1 : -1))))
    } else if (event.key === ' ') {
      event.preventDefault()
      const unit = team[teamHighlight]?.unit
      if (!unit) return
      if (form.unitIds.includes(unit.id)) edit({ unitIds: form.unitIds.filter((id) => id !== unit.id) })
      else if (form.unitIds.length >= MAX_FG_TEAM) setError({ key: 'fg.error.teamMax' })
      else edit({ unitIds: [...form.unitIds, unit.id] })
    } else onFieldKeyDown(event)
  }
  const onAreaKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      chooseArea(Math.max(0, Math.min(areas.length - 1, areaHighlight + (event.key === 'ArrowDown' ? 1 : -1))))
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault()
      // Enter on the highlighted community or street takes it (when none was chosen yet) and submits.
      const option = areas[areaHighlight]
      const chosen = listKind === 'community' ? form.communityCode : form.streetCode
      const f: FgForm = chosen === null && option ? (listKind === 'community' ? { ...form, communityCode: option.code } : { ...form, streetCode: option.code }) : form
      if (f !== form) setForm(f)
      submit(f)
    }
  }
  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0]
    if (!file) return
    const parsed = parsePolygonFile(await file.text())
    if (!parsed.ok) {
      setFileName(null)
      edit({ polygon: null })
      return setError({ key: 'fg.error.file', vars: { detail: parsed.detail } })
    }
    setFileName(file.name)
    edit({ polygon: parsed.polygon })
  }

  const ref = (field: Field) => (el: HTMLElement | null) => void refs.current.set(field, el)
  const text = (field: 'name' | 'purpose' | 'from' | 'to', max: number, mono = false) => (
    <label className={`field fg__field fg__field--${field}`}>
      <span>{t(`fg.form.${field}`)}</span>
      <input
        ref={ref(field)}
        autoFocus={field === 'name'}
        className={mono ? 'field__input--mono' : undefined}
        data-testid={`fg-${field}`}
        value={form[field]}
        maxLength={max}
        onChange={(e) => edit({ [field]: e.target.value } as Partial<FgForm>)}
        data-field={field}
        onKeyDown={onFieldKeyDown}
      />
    </label>
  )
  const unitName = (id: string): string => units.get(id)?.name ?? id

  return (
    <Modal title={t('fg.form.title')} hint={t('fg.form.hint')} error={error ? t(error.key, error.vars) : null} wide>
      <div className="fg fg__form" data-testid="fg-form" onKeyDown={onFormKeyDown}>
        <div className="fg__row2">
          {text('name', 60)}
          {text('purpose', 500)}
        </div>
        <div className="fg__row2">
          {text('from', 16, true)}
          {text('to', 16, true)}
        </div>
        <label className="field">
          <span>{t('fg.form.team')}</span>
          <input
            ref={ref('team')}
            data-testid="fg-team-filter"
            data-field="team"
            value={teamQuery}
            onChange={(e) => {
              setTeamQuery(e.target.value)
              setTeamAt(0)
            }}
            onKeyDown={onTeamKeyDown}
          />
        </label>
        <p className="fg__muted" data-testid="fg-team-chosen">
          {t('fg.form.teamChosen', { n: form.unitIds.length })}
          {form.unitIds.length > 0 ? ` · ${form.unitIds.map(unitName).join(t('detail.listSeparator'))}` : ''}
        </p>
        <FilterList
          testId="fg-team-list"
          empty={t('fg.form.teamNone')}
          highlight={teamHighlight}
          items={team.map(({ unit }) => ({ id: unit.id, label: unit.name, detail: t(`unitKind.${unit.kind}`), chosen: form.unitIds.includes(unit.id) }))}
        />
        <label className="field">
          <span>{t('fg.form.areaKind')}</span>
          <select
            ref={ref('areaKind')}
            data-testid="fg-area-kind"
            value={form.areaKind}
            onChange={(e) => {
              setAreaQuery('')
              setAreaAt(0)
              edit({ areaKind: e.target.value as AreaKind, communityCode: null, streetCode: null })
            }}
            data-field="areaKind"
            onKeyDown={onFieldKeyDown}
          >
            {AREA_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fg.area.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {listKind !== null ? (
          <>
            <label className="field">
              <span>{t('fg.form.areaFilter')}</span>
              <input
                ref={ref('area')}
                data-testid="fg-area-filter"
                value={areaQuery}
                onChange={(e) => {
                  setAreaQuery(e.target.value)
                  const list = listKind === null ? [] : filterAreas(areaOptions(reference, listKind, grids), e.target.value)
                  chooseArea(0, list)
                }}
                onKeyDown={onAreaKeyDown}
              />
            </label>
            <FilterList
              testId="fg-area-list"
              empty={t('fg.form.areaNone')}
              highlight={areaHighlight}
              items={areas.map((o) => ({
                id: o.code,
                label: o.name,
                detail: `${o.streetName ?? ''} ${o.code} · ${t('fg.form.covers', { n: o.grids })}`,
                chosen: (listKind === 'community' ? form.communityCode : form.streetCode) === o.code
              }))}
            />
          </>
        ) : form.areaKind === 'codes' ? (
          <label className="field">
            <span>{t('fg.form.codes')}</span>
            <textarea ref={ref('area')} data-testid="fg-codes" rows={3} value={form.codes} onChange={(e) => edit({ codes: e.target.value })} />
          </label>
        ) : (
          <label className="field">
            <span>{fileName === null ? t('fg.form.file') : t('fg.form.fileLoaded', { name: fileName })}</span>
            <input ref={ref('area')} data-testid="fg-file" type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => void onFile(e)} />
          </label>
        )}
        <p className="fg__covers" data-testid="fg-covers">
          {covered === null ? t('fg.error.area') : t('fg.form.covers', { n: covered.length })}
        </p>
        <div className="fg__actions">
          <button type="button" data-testid="fg-submit" onClick={() => submit()} disabled={busy}>
            {t('fg.form.submit')}
          </button>
          <button type="button" onClick={onBack}>
            {t('fg.form.back')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
