import type { Migration } from './index.js';

/**
 * Feed HTTP validators and items already seen or sent (the feeds work owns this migration).
 * The last body is kept beside the validators so that a 304 still yields the feed's items.
 * feed_items_used has no foreign key to issues: a key must survive even if an issue row is pruned.
 */
export const feeds: Migration = {
  version: 3,
  sql: `
    CREATE TABLE feed_cache (
      feed_url      TEXT PRIMARY KEY,
      etag          TEXT,
      last_modified TEXT,
      base_url      TEXT NOT NULL,
      body          TEXT NOT NULL,
      fetched_at    TEXT NOT NULL
    );
    CREATE TABLE feed_items_seen (
      key        TEXT PRIMARY KEY,
      first_seen TEXT NOT NULL
    );
    CREATE TABLE feed_items_used (
      key        TEXT PRIMARY KEY,
      issue_slug TEXT NOT NULL,
      used_at    TEXT NOT NULL
    );
    CREATE INDEX feed_items_used_issue ON feed_items_used (issue_slug);
  `,
};
