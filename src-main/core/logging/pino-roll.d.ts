// pino-roll ships no types: the part of its API this project uses.
declare module 'pino-roll' {
  type RollOptions = {
    file: string | (() => string)
    size?: number | string
    frequency?: 'daily' | 'hourly' | number
    extension?: string
    dateFormat?: string
    mkdir?: boolean
    symlink?: boolean
    limit?: { count?: number; removeOtherLogFiles?: boolean }
  }
  const build: (options: RollOptions) => Promise<NodeJS.WritableStream>
  export default build
}
