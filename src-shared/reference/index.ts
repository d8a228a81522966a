// Reference-data helpers shared by hub and scripts.
export * from './unit-seed'
