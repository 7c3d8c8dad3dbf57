import type { Db } from './db.js';

export interface IssueRecord {
  slug: string;
  number: number;
  date: string;
  subject: string;
  built_at: string;
  sent_at: string | null;
  send_started_at: string | null;
  abandoned_at: string | null;
}

const COLUMNS = 'slug, number, date, subject, built_at, sent_at, send_started_at, abandoned_at';

/**
 * Issue numbers are kept in the state database so they stay stable: rebuilding an issue keeps its
 * number, and a new issue takes the next one. Without a database (a dry run on a fresh machine)
 * numbering starts at 1.
 */
export function issueNumber(db: Db | null, slug: string): number {
  if (!db) return 1;
  const known = db.prepare('SELECT number FROM issues WHERE slug = ?').pluck().get(slug) as number | undefined;
  if (known !== undefined) return known;
  const max = db.prepare('SELECT MAX(number) FROM issues').pluck().get() as number | null;
  return (max ?? 0) + 1;
}

export function recordIssue(
  db: Db,
  issue: { slug: string; number: number; date: string; windowStart: Date; windowEnd: Date; subject: string },
  now: Date = new Date(),
): void {
  db.prepare(
    `INSERT INTO issues (slug, number, date, window_start, window_end, subject, built_at)
     VALUES (@slug, @number, @date, @windowStart, @windowEnd, @subject, @builtAt)
     ON CONFLICT(slug) DO UPDATE SET subject = excluded.subject, window_start = excluded.window_start,
       window_end = excluded.window_end, built_at = excluded.built_at`,
  ).run({
    slug: issue.slug,
    number: issue.number,
    date: issue.date,
    windowStart: issue.windowStart.toISOString(),
    windowEnd: issue.windowEnd.toISOString(),
    subject: issue.subject,
    builtAt: now.toISOString(),
  });
}

export function getIssue(db: Db, slug: string): IssueRecord | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM issues WHERE slug = ?`).get(slug) as IssueRecord | undefined;
}

/** Issues whose send began and neither finished nor was abandoned: a run resumes these. */
export function unfinishedIssues(db: Db): IssueRecord[] {
  return db
    .prepare(`SELECT ${COLUMNS} FROM issues WHERE send_started_at IS NOT NULL AND sent_at IS NULL AND abandoned_at IS NULL ORDER BY date DESC`)
    .all() as IssueRecord[];
}

export function markIssueAbandoned(db: Db, slug: string, reason: string, now: Date = new Date()): void {
  db.prepare('UPDATE issues SET abandoned_at = ?, abandoned_reason = ? WHERE slug = ?').run(now.toISOString(), reason, slug);
}
