// The selected case in full: what, where, who reported it, who handles it, the deadline, any
// escalation, counters, held commands, the actions this seat may take (with keys), the timeline.
import { OutsideListFact } from '../../grids/OutsideListFact'
import { FunctionalGridFact } from '../../functional-grids/FunctionalGridFact'
import type { IncidentSummary } from '../../../src-shared/api'
import type { Incident, Unit } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { selectProjectedCase } from '../../state/optimistic'
import { clockOf, hubNow, selectPendingByIncident } from '../../state/selectors'
import { allowedFor, commandLabel } from '../commands'
import { COMMAND_REGISTRY, keyedCommands } from '../command-registry'
import { useConsoleContext } from '../console-context'
import { formatCountdown, formatDateTime } from '../format'
import { categoryName, useCategoryIndex, useNow } from '../hooks'
import { HeldCommands } from './HeldCommands'
import { Timeline } from './Timeline'
import { useIncident } from './use-incident'
import { claimIsMine } from '../../../src-shared/domain/claim-identity'

const EMPTY: never[] = []

export function DetailPanel() {
  const { api } = useConsoleContext()
  // Issue 16: the case as shown is the optimistic view (pending commands applied); the full record is
  // still loaded for the hub's version.
  const projected = useConsole((s) => selectProjectedCase(s, s.selectedId))
  const hubVersion = useConsole((s) => (s.selectedId === null ? null : (s.incidents.get(s.selectedId)?.version ?? null)))
  const summary = projected?.summary ?? null
  const load = useIncident(api, summary?.id ?? null, hubVersion)
  if (!summary) {
    return (
      <section className="detail" aria-label={t('layout.detail')}>
        <p className="detail__placeholder">{t('detail.none')}</p>
        {/* k16a: the first screen points to the key help, not only to j / k. */}
        <p className="detail__placeholder" data-testid="first-hint">{t('detail.firstHint')}</p>
      </section>
    )
  }
  return (
    <section className="detail" aria-label={t('layout.detail')} data-testid="detail" tabIndex={0}>
      <DetailHeader summary={summary} pending={(projected?.pending.length ?? 0) > 0} />
      <CaseActions summary={summary} />
      {load.state === 'loading' ? <p className="detail__muted">{t('detail.loading')}</p> : null}
      {load.state === 'missing' ? <p className="detail__muted">{t('detail.notFound')}</p> : null}
      {load.state === 'error' ? <p className="detail__error">{t('detail.loadError', { detail: load.detail })}</p> : null}
      {load.state === 'loaded' && load.incident.id === summary.id ? (
        <DetailBody incident={load.incident} pendingAssignees={(projected?.pending.length ?? 0) > 0 ? summary.assignees : null} />
      ) : null}
    </section>
  )
}

function DetailHeader({ summary, pending }: { summary: IncidentSummary; pending: boolean }) {
  const categories = useCategoryIndex()
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const now = hubNow(skew, useNow(1000))
  const clock = clockOf(summary, now)
  const left = clock.leftMs
  return (
    <header className="detail__head">
      <div className="detail__badges">
        <span className={`badge badge--${summary.urgency}`}>{t(`urgency.${summary.urgency}`)}</span>
        <span className={`status status--${summary.status}${pending ? ' status--pending' : ''}`} data-testid="detail-status">
          {pending ? t('optimistic.status', { status: t(`status.${summary.status}`) }) : t(`status.${summary.status}`)}
        </span>
        <span className="detail__code">{summary.code}</span>
      </div>
      <h2 className="detail__title">{summary.title}</h2>
      <dl className="facts">
        <dt>{t('detail.category')}</dt>
        <dd>{categoryName(categories, summary.categoryCode)}</dd>
        <dt>{t('detail.address')}</dt>
        <dd>
          {summary.address} · {t('detail.grid')} {summary.gridCode}
        </dd>
        <FunctionalGridFact gridCode={summary.gridCode} nowMs={now} />
        <dt>{t('detail.source')}</dt>
        <dd>
          {t(`source.${summary.source}`)} · {t('detail.reportedAt')} {formatDateTime(summary.reportedAt)}
        </dd>
        <dt>{t('detail.deadline')}</dt>
        <dd className={clock.state === 'overdue' ? 'facts__overdue' : undefined} data-testid="detail-deadline" data-time-state={clock.state}>
          {summary.deadlineAt === null
            ? t('queue.noDeadline')
            : `${formatDateTime(summary.deadlineAt)}${left === null ? '' : ` · ${formatCountdown(left)}`}${
                summary.pausedAt !== null ? ` · ${t('queue.paused')}` : clock.state === 'stopped' ? ` · ${t('clock.stopped')}` : ''
              }`}
        </dd>
        {summary.claimedBy ? (
          <>
            <dt>{t('detail.claim')}</dt>
            <dd>{t('queue.claimedBy', { name: summary.claimedBy.name })}</dd>
          </>
        ) : null}
      </dl>
    </header>
  )
}

function CaseActions({ summary }: { summary: IncidentSummary }) {
  const role = useConsole((s) => s.status?.user?.role ?? null)
  const access = useConsole((s) => s.status?.access ?? 'viewer')
  const consoleId = useConsole((s) => s.status?.consoleId ?? null)
  const userId = useConsole((s) => s.status?.user?.id ?? null)
  const held = useConsole((s) => selectPendingByIncident(s).get(summary.id) ?? EMPTY)
  const allowed = new Set(allowedFor(summary, role, access))
  const mine = claimIsMine(summary.claimedBy, consoleId, userId)
  // `c` is one key for two commands: show the one it would send now.
  const actions = keyedCommands(COMMAND_REGISTRY).filter(
    (a) => allowed.has(a.type) && !(a.type === 'claim' && mine) && !(a.type === 'release' && !mine)
  )
  return (
    <>
      <HeldCommands entries={held} />
      <div className="actions" data-testid="actions">
        <span className="actions__label">{t('detail.actions')}</span>
        {actions.length === 0 ? (
          <span className="detail__muted">{access === 'viewer' ? t('error.read_only') : t('detail.noActions')}</span>
        ) : (
          actions.map((a) => (
            <span key={a.type} className="action">
              <kbd>{a.key}</kbd>
              {commandLabel(a.type)}
            </span>
          ))
        )}
      </div>
    </>
  )
}

/**
 * `pendingAssignees`: the units of the optimistic view (issue 16) while commands wait, so a queued 派遣
 * shows its units (待发送) as the header shows 已派遣（待发送）, not the hub's 未派遣.
 */
function DetailBody({ incident, pendingAssignees }: { incident: Incident; pendingAssignees: readonly string[] | null }) {
  const units = useConsole((s) => s.units)
  const waiting = pendingAssignees !== null && pendingAssignees.join() !== incident.assignees.join()
  const assignees = waiting ? pendingAssignees : incident.assignees
  const reporter = [incident.reporter.name, incident.reporter.phone].filter(Boolean).join(' · ')
  return (
    <div className="detail__body">
      <dl className="facts">
        <dt>{t('detail.description')}</dt>
        <dd className="facts__text">{incident.description || t('detail.none.short')}</dd>
        <dt>{t('detail.reporter')}</dt>
        <dd>{reporter || t('detail.anonymous')}</dd>
        <dt>{t('detail.assignees')}</dt>
        <dd data-testid="detail-assignees">
          {assignees.length === 0
            ? t('detail.noAssignees')
            : waiting
              ? t('optimistic.status', { status: assignees.map((id) => unitName(units, id)).join(t('detail.listSeparator')) })
              : assignees.map((id) => unitName(units, id)).join(t('detail.listSeparator'))}
        </dd>
        {incident.escalation ? (
          <>
            <dt>{t('detail.escalation')}</dt>
            <dd>
              {t('detail.escalationValue', {
                level: t(`level.${incident.escalation.level}`),
                reason: t(`reason.${incident.escalation.reasonCode}`),
                text: incident.escalation.reason
              })}
            </dd>
          </>
        ) : null}
        {incident.outsideList ? (
          <OutsideListFact record={incident.outsideList} unitNames={incident.outsideList.unitIds.map((id) => unitName(units, id)).join(t('detail.listSeparator'))} />
        ) : null}
        <dt>{t('detail.counters')}</dt>
        <dd>
          {[
            t('counter.returns', { n: incident.counters.returns }),
            t('counter.reworks', { n: incident.counters.reworks }),
            t('counter.urges', { n: incident.counters.urges }),
            t('counter.extensions', { n: incident.counters.extensions })
          ].join(' · ')}
        </dd>
      </dl>
      <h3 className="detail__section">{t('detail.timeline')}</h3>
      <Timeline entries={incident.timeline} />
    </div>
  )
}

function unitName(units: ReadonlyMap<string, Unit>, id: string): string {
  return units.get(id)?.name ?? t('detail.unknownUnit', { id })
}
