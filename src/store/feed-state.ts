import type { Db } from './db.js';

/**
 * What the feeds remember between runs: HTTP validators (with the body they validate), when an
 * undated item was first seen, and which items went out in a sent issue. Readers tolerate a
 * database that predates the feeds migration (a read-only open never migrates), so a preview
 * against an old state folder still works.
 */
export interface CachedFetch {
  etag?: string;
  lastModified?: string;
  /** The URL the body finally came from, after redirects: relative item links resolve against it. */
  baseUrl: string;
  body: string;
  fetchedAt: Date;
}

const hasTables = new WeakMap<Db, boolean>();

function ready(db: Db): boolean {
  let known = hasTables.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'feed_cache'").pluck().get() === 1;
    hasTables.set(db, known);
  }
  return known;
}

export function getValidators(db: Db, feedUrl: string): CachedFetch | null {
  if (!ready(db)) return null;
  const row = db
    .prepare('SELECT etag, last_modified, base_url, body, fetched_at FROM feed_cache WHERE feed_url = ?')
    .get(feedUrl) as { etag: string | null; last_modified: string | null; base_url: string; body: string; fetched_at: string } | undefined;
  if (!row) return null;
  return {
    etag: row.etag ?? undefined,
    lastModified: row.last_modified ?? undefined,
    baseUrl: row.base_url,
    body: row.body,
    fetchedAt: new Date(row.fetched_at),
  };
}

export function saveFetch(db: Db, feedUrl: string, fetch: CachedFetch): void {
  db.prepare(
    `INSERT INTO feed_cache (feed_url, etag, last_modified, base_url, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       base_url = excluded.base_url, body = excluded.body, fetched_at = excluded.fetched_at`,
  ).run(feedUrl, fetch.etag ?? null, fetch.lastModified ?? null, fetch.baseUrl, fetch.body, fetch.fetchedAt.toISOString());
}

/** When each of `keys` was first seen, for those the database knows. */
export function firstSeen(db: Db, keys: readonly string[]): Map<string, Date> {
  const out = new Map<string, Date>();
  if (!ready(db) || keys.length === 0) return out;
  const get = db.prepare('SELECT first_seen FROM feed_items_seen WHERE key = ?').pluck();
  for (const key of keys) {
    const at = get.get(key) as string | undefined;
    if (at) out.set(key, new Date(at));
  }
  return out;
}

/** Remembers the first sighting of each key; later sightings never move the date. */
export function recordFirstSeen(db: Db, keys: readonly string[], at: Date): void {
  if (keys.length === 0) return;
  const insert = db.prepare('INSERT OR IGNORE INTO feed_items_seen (key, first_seen) VALUES (?, ?)');
  const iso = at.toISOString();
  db.transaction(() => {
    for (const key of keys) insert.run(key, iso);
  })();
}

/** Every item key that went out in a sent issue. */
export function usedKeys(db: Db | null): Set<string> {
  if (!db || !ready(db)) return new Set();
  return new Set(db.prepare('SELECT key FROM feed_items_used').pluck().all() as string[]);
}

/**
 * Records that `keys` went out in `issueSlug`. Call it only after a real send: a preview or a dry
 * run that marked items would "use them up" and they would never reach a reader.
 */
export function markItemsUsed(db: Db, issueSlug: string, keys: readonly string[], at: Date = new Date()): void {
  if (keys.length === 0) return;
  const insert = db.prepare('INSERT OR IGNORE INTO feed_items_used (key, issue_slug, used_at) VALUES (?, ?, ?)');
  const iso = at.toISOString();
  db.transaction(() => {
    for (const key of keys) insert.run(key, issueSlug, iso);
  })();
}
