// The ConsoleApi contract and the result type used at every boundary.
export * from './result'
export * from './console-api'
export * from './wire'
export * from './live-window'
export * from './figures'
export * from './setup'
export * from './wall-settings'
export * from './print-report'
