// Schema 4 (issue 10): the period index of cached incidents (see ../incident-index.ts for why). Filled
// for an existing cache here, in SQL from the `data` rows, with the same values the store's writer puts
// in (a test compares them); from then on the store writes it with every incident.
import { type Migration } from './types'

// ISO text → integer ms (julianday keeps the offset; rounding removes the float's last-digit noise).
const msOf = (path: string): string => `CAST(ROUND((julianday(json_extract(data, '${path}')) - 2440587.5) * 86400000) AS INTEGER)`

export const migration004: Migration = {
  version: 4,
  name: 'incident-index',
  async up(conn) {
    await conn.exec(`
      CREATE TABLE incident_index (
        id TEXT PRIMARY KEY,
        reported_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        closed_ms INTEGER,
        deadline_ms INTEGER,
        settled INTEGER NOT NULL,
        street TEXT NOT NULL,
        community TEXT NOT NULL,
        grid TEXT NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        units TEXT NOT NULL,
        slim TEXT NOT NULL
      );
      CREATE INDEX incident_index_reported ON incident_index (reported_ms);
      CREATE INDEX incident_index_open_updated ON incident_index (settled, updated_ms);
      CREATE TRIGGER incident_index_gone AFTER DELETE ON incidents BEGIN
        DELETE FROM incident_index WHERE id = OLD.id;
      END;
      INSERT INTO incident_index (id, reported_ms, updated_ms, closed_ms, deadline_ms, settled, street, community, grid, category, status, units, slim)
      SELECT id,
        ${msOf('$.reportedAt')},
        ${msOf('$.updatedAt')},
        (SELECT CAST(ROUND((julianday(json_extract(t.value, '$.at')) - 2440587.5) * 86400000) AS INTEGER)
           FROM json_each(json_extract(data, '$.timeline')) AS t
          WHERE json_extract(t.value, '$.action') = 'verify' AND json_extract(t.value, '$.to') = 'closed'
          ORDER BY t.key DESC LIMIT 1),
        ${msOf('$.deadlineAt')},
        json_extract(data, '$.status') IN ('closed', 'rejected', 'merged'),
        substr(json_extract(data, '$.gridCode'), 1, 9),
        substr(json_extract(data, '$.gridCode'), 1, 12),
        json_extract(data, '$.gridCode'),
        json_extract(data, '$.categoryCode'),
        json_extract(data, '$.status'),
        (SELECT ifnull(group_concat(a.value, ';'), '') FROM json_each(json_extract(data, '$.assignees')) AS a),
        json_object(
          'id', json_extract(data, '$.id'), 'code', json_extract(data, '$.code'), 'status', json_extract(data, '$.status'),
          'urgency', json_extract(data, '$.urgency'), 'categoryCode', json_extract(data, '$.categoryCode'),
          'gridCode', json_extract(data, '$.gridCode'), 'reportedAt', json_extract(data, '$.reportedAt'),
          'deadlineAt', json_extract(data, '$.deadlineAt'), 'pausedAt', json_extract(data, '$.pausedAt'),
          'assignees', json_extract(data, '$.assignees'), 'timeline', json_extract(data, '$.timeline'))
      FROM incidents WHERE data IS NOT NULL AND json_valid(data);
    `)
  }
}
