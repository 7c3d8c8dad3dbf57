import type { Migration } from './index.js';

/** Built issues: numbering, and whether (and when) each was sent. */
export const issues: Migration = {
  version: 1,
  sql: `
    CREATE TABLE issues (
      slug        TEXT PRIMARY KEY,
      number      INTEGER NOT NULL UNIQUE,
      date        TEXT NOT NULL,
      window_start TEXT NOT NULL,
      window_end  TEXT NOT NULL,
      subject     TEXT NOT NULL,
      built_at    TEXT NOT NULL,
      send_started_at TEXT,
      sent_at     TEXT
    );
  `,
};
