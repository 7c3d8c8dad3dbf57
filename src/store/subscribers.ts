import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CsvError } from 'csv-parse';
import type { Db } from './db.js';
import { DigestError } from '../errors.js';

export const SUBSCRIBER_STATUSES = ['active', 'unsubscribed', 'bounced'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export interface Subscriber {
  id: number;
  email: string;
  name: string | null;
  /** Extra CSV columns, for `%%fields.<column>%%` in templates. */
  fields: Record<string, string>;
  status: SubscriberStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

interface SubscriberRow {
  id: number;
  email: string;
  name: string | null;
  fields: string | null;
  status: SubscriberStatus;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, email, name, fields, status, status_reason, created_at, updated_at';

// Deliberately plain: the SMTP server is the judge of deliverability; this only catches typos
// and anything that could break out of a header (spaces, brackets, quotes, CR/LF).
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Why an address is unusable, or null when it is fine. */
export function emailProblem(email: string): string | null {
  if (!email) return 'the email is empty';
  if (email.length > 254) return 'the email is longer than 254 characters';
  if (!EMAIL.test(email)) return `"${printable(email)}" is not an email address`;
  return null;
}

/** Names end up in the To: header; whitespace of any kind (CR/LF included) becomes one space. */
export function cleanName(name: string | undefined): string | null {
  if (!name) return null;
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean ? clean.slice(0, 200) : null;
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return (s.length > 60 ? s.slice(0, 57) + '...' : s).replace(/[\u0000-\u001f\u007f]/g, '?');
}

function fromRow(r: SubscriberRow): Subscriber {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    fields: r.fields ? (JSON.parse(r.fields) as Record<string, string>) : {},
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function findSubscriber(db: Db, email: string): Subscriber | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE email_key = ?`).get(emailKey(email)) as SubscriberRow | undefined;
  return row ? fromRow(row) : null;
}

export function getSubscriber(db: Db, id: number): Subscriber | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?`).get(id) as SubscriberRow | undefined;
  return row ? fromRow(row) : null;
}

/** Streams subscribers in id order without holding the list in memory. */
export function* iterateSubscribers(db: Db, opts: { status?: SubscriberStatus } = {}): Generator<Subscriber> {
  const stmt = opts.status
    ? db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE status = ? ORDER BY id`).bind(opts.status)
    : db.prepare(`SELECT ${COLUMNS} FROM subscribers ORDER BY id`);
  for (const row of stmt.iterate() as IterableIterator<SubscriberRow>) yield fromRow(row);
}

export function countSubscribers(db: Db): Record<SubscriberStatus, number> & { total: number } {
  const counts = { active: 0, unsubscribed: 0, bounced: 0, total: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM subscribers GROUP BY status').all() as { status: SubscriberStatus; n: number }[]) {
    counts[r.status] = r.n;
    counts.total += r.n;
  }
  return counts;
}

/** Sets a subscriber's status; returns the subscriber as it was before, or null when unknown. */
export function setSubscriberStatus(db: Db, email: string, status: SubscriberStatus, reason?: string): Subscriber | null {
  const before = findSubscriber(db, email);
  if (!before) return null;
  db.prepare('UPDATE subscribers SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason ?? null, new Date().toISOString(), before.id);
  return before;
}

/** Marks by id (the send path knows ids, not addresses). */
export function markSubscriberById(db: Db, id: number, status: SubscriberStatus, reason: string): void {
  db.prepare('UPDATE subscribers SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, new Date().toISOString(), id);
}

/** Deletes a subscriber and their ledger rows (the GDPR kind of removal). */
export function removeSubscriber(db: Db, email: string): boolean {
  return db.prepare('DELETE FROM subscribers WHERE email_key = ?').run(emailKey(email)).changes > 0;
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportReport {
  /** Data rows read (the header not counted). */
  rows: number;
  added: number;
  /** Existing subscribers whose name or fields changed. Their status never does. */
  updated: number;
  /** Rows repeating an address seen earlier in the same file; the later row's name and fields win. */
  duplicates: number;
  invalid: number;
  /** The first problems, each with its line; `invalid` has the full count. */
  problems: RowProblem[];
}

const MAX_PROBLEMS_KEPT = 1000;

/**
 * Imports a CSV (header row; `email` required, `name` optional, every other column kept as a
 * template field). Invalid rows are reported with their line and skipped; the rest go in one
 * transaction, so a failure half-way leaves the list as it was. An address already known keeps
 * its status: a re-import never resubscribes someone who unsubscribed or bounced.
 */
export async function importSubscribers(db: Db, source: string | Readable): Promise<ImportReport> {
  const file = typeof source === 'string' ? source : undefined;
  const input: Readable = typeof source === 'string' ? createReadStream(source) : source;
  const report: ImportReport = { rows: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, problems: [] };
  const problem = (line: number, message: string): void => {
    report.invalid++;
    if (report.problems.length < MAX_PROBLEMS_KEPT) report.problems.push({ line, message });
  };

  const upsert = db.prepare(`
    INSERT INTO subscribers (email, email_key, name, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (email_key) DO UPDATE SET
      name = coalesce(excluded.name, subscribers.name),
      fields = coalesce(excluded.fields, subscribers.fields),
      updated_at = excluded.updated_at
    WHERE coalesce(excluded.name, subscribers.name) IS NOT subscribers.name
       OR coalesce(excluded.fields, subscribers.fields) IS NOT subscribers.fields`);
  const now = new Date().toISOString();
  const before = db.prepare('SELECT count(*) FROM subscribers').pluck().get() as number;
  const seen = new Set<string>();
  let header: Header | undefined;
  let changes = 0;

  // csv-parse's `info` option would give each record its line, but costs more than the insert
  // itself at a million rows. Records are handled synchronously as they are emitted instead, when
  // `parser.info.lines` is the line the record ends on.
  // Loaded on demand: only an import needs the CSV parser.
  const { parse } = await import('csv-parse');
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true });
  const onRecord = (record: string[]): void => {
    const line = parser.info.lines;
    if (!header) {
      header = readHeader(record, line, file);
      return;
    }
    report.rows++;
    if (record.length !== header.width) {
      problem(line, `expected ${header.width} columns, found ${record.length}`);
      return;
    }
    const email = record[header.email]!.trim();
    const bad = emailProblem(email);
    if (bad) {
      problem(line, bad);
      return;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) report.duplicates++;
    else seen.add(key);
    let fields: string | null = null;
    if (header.extra.length) {
      const obj: Record<string, string> = {};
      let any = false;
      for (const [i, col] of header.extra) {
        const v = record[i]!.trim();
        if (v) {
          obj[col] = v;
          any = true;
        }
      }
      if (any) fields = JSON.stringify(obj);
    }
    const name = header.name >= 0 ? cleanName(record[header.name]) : null;
    changes += upsert.run(email, key, name, fields, now, now).changes;
  };

  // A big import rewrites index pages all over the file; a larger page cache for the duration keeps
  // them in memory until the commit instead of spilling and re-reading them.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -131072');
  db.exec('BEGIN');
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('skip', (err: CsvError) => problem(parser.info.lines, `cannot parse the row: ${err.message.replace(/^Invalid[^:]*:\s*/, '')}`));
      parser.on('data', (record: string[]) => {
        try {
          onRecord(record);
        } catch (err) {
          parser.destroy(err as Error);
        }
      });
      parser.on('error', reject);
      parser.on('end', resolve);
      input.on('error', (err: Error) => parser.destroy(err));
      input.pipe(parser);
    });
    if (!header) throw new DigestError('the file is empty', { file, hint: 'the first row must name the columns, e.g. "email,name"' });
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (err instanceof DigestError) throw err;
    throw new DigestError(`cannot import: ${(err as Error).message}`, { file, hint: 'nothing was imported; fix the file and run the import again' });
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  const after = db.prepare('SELECT count(*) FROM subscribers').pluck().get() as number;
  report.added = after - before;
  report.updated = changes - report.added;
  return report;
}

interface Header {
  email: number;
  name: number;
  extra: [number, string][];
  width: number;
}

function readHeader(record: string[], line: number, file: string | undefined): Header {
  const names = record.map((h) => h.trim().toLowerCase());
  const email = names.indexOf('email');
  if (email < 0) {
    throw new DigestError(`the header row has no "email" column (found: ${names.join(', ') || 'nothing'})`, {
      file,
      line,
      hint: 'the first row must name the columns, e.g. "email,name,city"',
    });
  }
  const extra: [number, string][] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (!n) throw new DigestError(`column ${i + 1} of the header row has no name`, { file, line, hint: 'name every column, or remove the empty one' });
    if (!/^[a-z0-9_-]+$/.test(n)) {
      throw new DigestError(`column name "${printable(n)}" can't be used in templates`, { file, line, hint: 'use letters, digits, "_" and "-" only (templates read it as %%fields.<column>%%)' });
    }
    if (seen.has(n)) throw new DigestError(`column "${n}" appears twice in the header row`, { file, line });
    seen.add(n);
    if (n !== 'email' && n !== 'name') extra.push([i, n]);
  });
  return { email, name: names.indexOf('name'), extra, width: names.length };
}
