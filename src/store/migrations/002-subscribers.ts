import type { Migration } from './index.js';

/**
 * Subscribers, the delivery ledger and named locks.
 *
 * `email_key` is the lower-cased address: dedupe is case-insensitive while the address keeps the
 * spelling it was imported with. The ledger has one row per (issue, subscriber); its status moves
 * pending → sending → sent | failed (or skipped when the subscriber left before their turn).
 * Locks live here rather than in lock files so that taking over a dead holder's lock is one
 * atomic transaction.
 */
export const subscribers: Migration = {
  version: 2,
  sql: `
    CREATE TABLE subscribers (
      id          INTEGER PRIMARY KEY,
      email       TEXT NOT NULL,
      email_key   TEXT NOT NULL UNIQUE,
      name        TEXT,
      fields      TEXT,
      status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unsubscribed', 'bounced')),
      status_reason TEXT,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
    CREATE INDEX subscribers_status ON subscribers (status, id);

    CREATE TABLE deliveries (
      issue_slug    TEXT NOT NULL,
      subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
      attempts      INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      last_error    TEXT,
      message_id    TEXT,
      updated_at    TEXT NOT NULL,
      PRIMARY KEY (issue_slug, subscriber_id)
    ) WITHOUT ROWID;
    CREATE INDEX deliveries_status ON deliveries (issue_slug, status);

    CREATE TABLE locks (
      name        TEXT PRIMARY KEY,
      pid         INTEGER NOT NULL,
      host        TEXT NOT NULL,
      started_at  TEXT NOT NULL,
      purpose     TEXT NOT NULL
    );
  `,
};
