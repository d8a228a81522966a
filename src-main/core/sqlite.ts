// The console's SQLite wrapper now lives in src-sqlite/ (shared with the hub). This re-export
// only keeps imports written in parallel branches working; new code imports src-sqlite directly.
export * from '../../src-sqlite/sqlite-db'
