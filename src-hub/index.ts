// Public face of the reference hub for tests, scripts and benches (the console never imports src-hub).
export { createHub, type Hub, type HubOptions } from './hub'
export { HubStore, type StoreOptions } from './store'
export { HubReference, DEFAULT_REFERENCE_PATH, DEFAULT_UNITS_PATH } from './reference'
export { TokenConfig, loadTokensFile, TokenTable } from './tokens'
export type { Caller, CommandResult } from './answers'
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limit'
