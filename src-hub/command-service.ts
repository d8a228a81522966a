// The command pipeline: parse → repeat check → role → per-type handler, all in one write
// transaction with the stored answer, so an acknowledged command is durable and answered once.
import { roleMayIssue } from '../src-shared/domain'
import { Command, describeIssues, FINAL_ERROR_CODES, isIncidentCommand, issuedTimeProblem, type Unit } from '../src-shared/protocol'
import { refuse, type Caller, type CommandResult } from './answers'
import { runFunctionalGridCreate, runFunctionalGridEnd } from './functional-grid-run'
import { runHandoverAcknowledge, runHandoverSubmit } from './handover-commands'
import { runIncidentCommand, runReport } from './incident-commands'
import type { HubReference } from './reference'
import type { HubStore } from './store'
import type { TokenTable } from './tokens'

/** A stored answer: the answer as sent plus who issued the command (never sent back). */
type StoredAnswer = CommandResult & { by?: string }

export interface CommandServiceDeps {
  store: HubStore
  reference: HubReference
  tokens: TokenTable
  units: ReadonlyMap<string, Unit>
  now?: () => Date
  log?: (msg: string) => void
}

export class CommandService {
  private readonly now: () => Date

  constructor(private readonly deps: CommandServiceDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  /** Never throws: a bug or a failed write answers 'internal', with nothing stored. */
  async handle(raw: unknown, caller: Caller): Promise<{ answer: CommandResult; invalid: boolean }> {
    const parsed = Command.safeParse(raw)
    if (!parsed.success) {
      return {
        answer: refuse('invalid', describeIssues(parsed.error), { issues: parsed.error.issues.slice(0, 100) }),
        invalid: true
      }
    }
    const command = parsed.data
    try {
      const answer = await this.deps.store.write(async (tx) => {
        const prior = await tx.findAnswer(command.commandId)
        if (prior !== null) return this.repeat(prior, command, caller)
        const result = await this.execute(tx, command, caller)
        // Final answers are kept so a resend gets the very same answer; transient ones are not. The
        // issuer is kept with it: a commandId is no password (timelines show them).
        if (result.ok || FINAL_ERROR_CODES.includes(result.error.code)) {
          const stored: StoredAnswer = { ...result, by: caller.token.user.id }
          await tx.saveAnswer(command.commandId, JSON.stringify(stored), this.now().getTime())
        }
        return result
      }, { commandId: command.commandId })
      return { answer, invalid: false }
    } catch (err) {
      this.deps.log?.(`command ${command.type} ${command.commandId} failed: ${(err as Error).stack ?? String(err)}`)
      return { answer: refuse('internal', 'the hub could not complete this command; it was not applied'), invalid: false }
    }
  }

  /**
   * A resend of a stored command: authorization comes before idempotency. Only the user who issued it
   * gets the stored answer; anyone else (or a role that may not issue this type) gets `forbidden`.
   */
  private repeat(prior: string, command: Command, caller: Caller): CommandResult {
    const { by, ...answer } = JSON.parse(prior) as StoredAnswer
    // Answers stored before rev 1.4 carry no issuer: for those the role check is all there is.
    const otherUser = by !== undefined && by !== caller.token.user.id
    if (otherUser || !roleMayIssue(caller.token.user.role, command.type)) {
      return refuse('forbidden', `command ${command.commandId} was issued by someone else`)
    }
    return answer as CommandResult
  }

  private execute(tx: Parameters<Parameters<HubStore['write']>[0]>[0], command: Command, caller: Caller): Promise<CommandResult> {
    const role = caller.token.user.role
    if (!roleMayIssue(role, command.type)) {
      return Promise.resolve(refuse('forbidden', `role ${role} may not ${command.type}`))
    }
    // Rev 1.7: the issued time goes into the record, so it must be believable (a repeat never gets here).
    const issuedProblem = issuedTimeProblem(command.issuedAt, this.now().getTime())
    if (issuedProblem !== null) return Promise.resolve(refuse('invalid', issuedProblem))
    const env = { reference: this.deps.reference, units: this.deps.units, tokens: this.deps.tokens, now: this.now }
    if (command.type === 'report') return runReport(tx, command, caller, env)
    if (command.type === 'handover.submit') return runHandoverSubmit(tx, command, caller, env)
    if (command.type === 'handover.acknowledge') return runHandoverAcknowledge(tx, command, caller, env)
    if (command.type === 'functionalGrid.create') return runFunctionalGridCreate(tx, command, caller, env)
    if (command.type === 'functionalGrid.end') return runFunctionalGridEnd(tx, command, caller, env)
    if (isIncidentCommand(command.type)) return runIncidentCommand(tx, command, caller, env)
    return Promise.resolve(refuse('invalid', `unknown command type ${String(command.type)}`))
  }
}
