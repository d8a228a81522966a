// Pure geometry helpers shared by console, hub and scripts (no node, no packages but zod).
export * from './types'
export * from './bbox'
export * from './point-in-area'
export * from './area'
export * from './centroid'
export * from './codes'
export * from './grid-index'
export * from './distance'
