// The console's main-process core, as carriers and tests use it.
export { openConsole, CACHE_FILE, type ConsoleCore, type OpenConsoleOptions } from './console-service'
export { type Log, type LogLevel, silentLog } from './log'
export { DEFAULT_SETTINGS } from './settings'
export { type Store } from './store'
