// The pure domain: incident state machine, roles, working calendar, deadlines, metrics, unit suggestions.
export * from './incident-machine'
export * from './roles'
export * from './transitions'
export * from './timeline'
export * from './working-calendar'
export * from './deadlines'
export * from './metrics'
export * from './suggestions'
