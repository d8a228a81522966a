// The logging hook the core reports through; the carrier decides where lines go.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type Log = (level: LogLevel, msg: string, data?: Record<string, unknown>) => void

export const silentLog: Log = () => undefined
