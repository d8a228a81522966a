// The app's own configuration as the renderer sees it (issue 12): whether a hub is set (else the
// first-run screen), where the data lives, which values flags or the environment override, and the
// result of testing a hub address with a real handshake. The token itself never crosses to the
// renderer: only whether one is stored.
import { z } from 'zod'
import { User } from '../protocol'

/** Why a hub test failed; each has its own message in the UI. */
export const HubProbeFailure = z.enum(['bad_url', 'unreachable', 'refused_token', 'wrong_protocol', 'certificate', 'timeout'])
export type HubProbeFailure = z.infer<typeof HubProbeFailure>

export const HubProbeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), user: User, hubId: z.string().max(200) }),
  z.object({ ok: z.literal(false), failure: HubProbeFailure, detail: z.string().max(1000) })
])
export type HubProbeResult = z.infer<typeof HubProbeResult>

/** A hub address as typed: http(s) only. */
export const HubUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/, 'an http:// or https:// address')
export const HubToken = z.string().min(1).max(512)
export const SeatName = z.string().trim().max(40)

/** Which hub the console uses: its own demo hub, or a real one. */
export const HubChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }),
  /** token omitted: keep the stored one (changing only the address). */
  z.object({ kind: z.literal('hub'), url: HubUrl, token: HubToken.optional() })
])
export type HubChoice = z.infer<typeof HubChoice>

export const SetupRequest = z.object({
  hub: HubChoice,
  seatName: SeatName.optional()
})
export type SetupRequest = z.infer<typeof SetupRequest>

/** One value set by a flag or an environment variable instead of the settings file. */
export const SettingOverride = z.object({
  field: z.enum(['hub', 'token', 'dataDir', 'demo']),
  /** The flag or variable, e.g. `--hub` or `GCC_HUB_URL`. */
  source: z.string().max(100)
})
export type SettingOverride = z.infer<typeof SettingOverride>

/** What the renderer forwards of an error it could not handle. */
export const RendererError = z.object({
  message: z.string().max(2000),
  stack: z.string().max(8000).optional(),
  /** The page (console or wall) and script position. */
  source: z.string().max(500).optional()
})
export type RendererError = z.infer<typeof RendererError>

export const SetupState = z.object({
  /** true: no hub chosen yet (and none given by flag or env): show the first-run screen. */
  firstRun: z.boolean(),
  /** The saved choice (file), without the token. */
  hub: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('demo') }),
    z.object({ kind: z.literal('hub'), url: z.string().max(2000), tokenStored: z.boolean() })
  ]),
  seatName: z.string().max(40),
  settingsFile: z.string().max(4000),
  dataDir: z.string().max(4000),
  logDir: z.string().max(4000),
  /** How the token is kept: the OS keychain through Electron safeStorage, or a 0600 file. */
  tokenStorage: z.enum(['safeStorage', 'file']),
  overrides: z.array(SettingOverride).max(10),
  /** Set when a damaged settings file was moved aside and defaults were used. */
  settingsNotice: z.object({ movedTo: z.string().max(4000), reason: z.string().max(1000) }).nullable(),
  /** A saved change (hub, seat) that the running console takes up only after a restart. */
  restartNeeded: z.boolean(),
  /** Why the console could not start on the saved hub (the demo hub would not start…), else null. */
  startError: z.string().max(2000).nullable(),
  /** The supervised demo hub: restarted after it exits; null when no demo hub runs. */
  demoHub: z
    .object({ state: z.enum(['running', 'restarting', 'failed']), restarts: z.number().int().nonnegative(), lastExit: z.string().max(200).nullable() })
    .nullable()
    .optional()
})
export type SetupState = z.infer<typeof SetupState>
