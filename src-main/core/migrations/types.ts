// The shape of one numbered schema migration: shared with the hub (src-sqlite/migrations.ts).
export type { Migration } from '../../../src-sqlite/migrations'
