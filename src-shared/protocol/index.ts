// Protocol v1 schemas and types, as written in docs/protocol.md.
export * from './primitives'
export * from './entities'
export * from './change'
export * from './commands'
export * from './reference'
export * from './messages'
export * from './issued-time'
export * from './functional-grid'
