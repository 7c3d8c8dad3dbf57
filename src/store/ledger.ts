import type { Db } from './db.js';
import type { Recipient } from '../deliver/message.js';

/**
 * The delivery ledger: one row per (issue, subscriber), moving pending → sending → sent | failed
 * (or skipped, when the subscriber is no longer active at their turn). A row is marked `sending`
 * in a committed transaction before its message leaves, and `sent` only after the server
 * accepted it, so after a crash the rows still `sending` are exactly the ones that may or may not
 * have arrived: they are sent again, and nothing else is.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface LedgerCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  total: number;
  /** Pending rows that already failed at least once: waiting for a retry. */
  retrying: number;
}

export interface ClaimedRow extends Recipient {
  /** Tries including this one. */
  attempt: number;
}

export type Outcome =
  | { kind: 'sent'; subscriberId: number; messageId: string; response?: string }
  | { kind: 'retry'; subscriberId: number; error: string; notBefore: number }
  | { kind: 'failed'; subscriberId: number; error: string; bounce: boolean }
  /** Never left (the run stopped first): back to pending without using up an attempt. */
  | { kind: 'released'; subscriberId: number };

const now = (): string => new Date().toISOString();

export class Ledger {
  private readonly claimStmt;
  private readonly markSending;
  private readonly toSent;
  private readonly toRetry;
  private readonly toFailed;
  private readonly bounce;
  private readonly release;

  constructor(private readonly db: Db, readonly issue: string) {
    this.claimStmt = db.prepare(`
      SELECT d.subscriber_id AS id, s.email, s.name, s.fields, d.attempts
      FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.issue_slug = ? AND d.status = 'pending' AND s.status = 'active'
        AND d.subscriber_id > ? AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)
      ORDER BY d.subscriber_id LIMIT ?`);
    this.markSending = db.prepare(`UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE issue_slug = ? AND subscriber_id IN (SELECT value FROM json_each(?))`);
    // One statement for a whole batch of accepted rows: per-row statements were a tenth of the CPU of a send.
    this.toSent = db.prepare(`UPDATE deliveries SET status = 'sent', last_error = NULL, next_attempt_at = NULL, updated_at = @t,
                                message_id = (SELECT j.value ->> 1 FROM json_each(@sent) AS j WHERE j.value ->> 0 = subscriber_id)
                              WHERE issue_slug = @issue AND subscriber_id IN (SELECT value ->> 0 FROM json_each(@sent))`);
    this.toRetry = db.prepare(`UPDATE deliveries SET status = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE issue_slug = ? AND subscriber_id = ?`);
    this.toFailed = db.prepare(`UPDATE deliveries SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE issue_slug = ? AND subscriber_id = ?`);
    this.bounce = db.prepare(`UPDATE subscribers SET status = 'bounced', status_reason = ?, updated_at = ? WHERE id = ? AND status = 'active'`);
    this.release = db.prepare(`UPDATE deliveries SET status = 'pending', attempts = max(attempts - 1, 0), updated_at = ? WHERE issue_slug = ? AND subscriber_id = ? AND status = 'sending'`);
  }

  /**
   * Adds a pending row for every active subscriber without one (new subscribers join a resumed
   * send), puts rows a crashed run left in `sending` back to pending, and skips rows whose
   * subscriber is no longer active. Call it holding the send lock.
   */
  prepare(): { added: number; recovered: number; skipped: number } {
    return this.db.transaction(() => {
      const t = now();
      const added = this.db
        .prepare(`INSERT INTO deliveries (issue_slug, subscriber_id, status, updated_at)
                  SELECT ?, id, 'pending', ? FROM subscribers WHERE status = 'active' ORDER BY id
                  ON CONFLICT DO NOTHING`)
        .run(this.issue, t).changes;
      const recovered = this.db
        .prepare(`UPDATE deliveries SET status = 'pending', last_error = 'interrupted while sending (may have arrived)', updated_at = ? WHERE issue_slug = ? AND status = 'sending'`)
        .run(t, this.issue).changes;
      return { added, recovered, skipped: this.skipInactive() };
    })();
  }

  /** Rows whose subscriber unsubscribed or bounced since the row was made: never sent. */
  skipInactive(): number {
    return this.db
      .prepare(`UPDATE deliveries SET status = 'skipped', last_error = 'subscriber ' || (SELECT status FROM subscribers s WHERE s.id = subscriber_id), updated_at = ?
                WHERE issue_slug = ? AND status IN ('pending', 'sending')
                  AND subscriber_id IN (SELECT id FROM subscribers WHERE status != 'active')`)
      .run(now(), this.issue).changes;
  }

  /**
   * Records finished rows and claims the next ones in one transaction: one fsync for both, and
   * the claimed rows are durably `sending` before any of them is handed to the transport.
   */
  commit(outcomes: Outcome[], claim?: { after: number; limit: number; nowMs: number }): ClaimedRow[] {
    return this.db.transaction(() => {
      const t = now();
      const sent: [number, string][] = [];
      for (const o of outcomes) {
        switch (o.kind) {
          case 'sent':
            sent.push([o.subscriberId, o.messageId]);
            break;
          case 'retry':
            this.toRetry.run(o.error, o.notBefore, t, this.issue, o.subscriberId);
            break;
          case 'failed':
            this.toFailed.run(o.error, t, this.issue, o.subscriberId);
            if (o.bounce) this.bounce.run(o.error, t, o.subscriberId);
            break;
          case 'released':
            this.release.run(t, this.issue, o.subscriberId);
            break;
        }
      }
      if (sent.length) this.toSent.run({ t, sent: JSON.stringify(sent), issue: this.issue });
      if (!claim || claim.limit <= 0) return [];
      const rows = this.claimStmt.all(this.issue, claim.after, claim.nowMs, claim.limit) as { id: number; email: string; name: string | null; fields: string | null; attempts: number }[];
      if (rows.length) this.markSending.run(t, this.issue, JSON.stringify(rows.map((r) => r.id)));
      return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, fields: r.fields ? (JSON.parse(r.fields) as Record<string, string>) : {}, attempt: r.attempts + 1 }));
    })();
  }

  /** When the earliest pending retry falls due (ms since the epoch), or null when none waits. */
  nextRetryAt(): number | null {
    return (this.db
      .prepare(`SELECT min(coalesce(d.next_attempt_at, 0)) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                WHERE d.issue_slug = ? AND d.status = 'pending' AND s.status = 'active'`)
      .pluck()
      .get(this.issue) as number | null) ?? null;
  }

  counts(): LedgerCounts {
    return ledgerCounts(this.db, this.issue);
  }
}

export function ledgerCounts(db: Db, issue: string): LedgerCounts {
  const c: LedgerCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, total: 0, retrying: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n, sum(attempts > 0) AS tried FROM deliveries WHERE issue_slug = ? GROUP BY status').all(issue) as { status: DeliveryStatus; n: number; tried: number }[]) {
    c[r.status] = r.n;
    c.total += r.n;
    if (r.status === 'pending') c.retrying = r.tried;
  }
  return c;
}

export interface DeliveryRow {
  subscriberId: number;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
}

/** Ledger rows of one issue in subscriber order, streamed (for reports and `run`). */
export function* iterateDeliveries(db: Db, issue: string): Generator<DeliveryRow> {
  const stmt = db.prepare(`SELECT d.subscriber_id AS subscriberId, s.email, d.status, d.attempts, d.last_error AS lastError, d.message_id AS messageId
                           FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.issue_slug = ? ORDER BY d.subscriber_id`);
  for (const row of stmt.iterate(issue)) yield row as DeliveryRow;
}

/** Records in the issues table (when the build pipeline made a row) that a send started or finished. */
export function markIssueSendStarted(db: Db, issue: string): void {
  db.prepare('UPDATE issues SET send_started_at = coalesce(send_started_at, ?) WHERE slug = ?').run(now(), issue);
}

export function markIssueSent(db: Db, issue: string): void {
  db.prepare('UPDATE issues SET sent_at = coalesce(sent_at, ?) WHERE slug = ?').run(now(), issue);
}
