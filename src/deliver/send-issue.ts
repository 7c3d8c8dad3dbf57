import type { Db } from '../store/db.js';
import type { Logger } from '../log.js';
import type { NewsletterConfig } from '../config/schema.js';
import { sendingSchema, type SendingSettings } from '../config/sending-schema.js';
import { Ledger, markIssueSendStarted, markIssueSent, type ClaimedRow, type LedgerCounts, type Outcome } from '../store/ledger.js';
import { acquireLock, describeHolder, sendLockName } from '../store/lock.js';
import { markItemsUsed } from '../store/feed-state.js';
import { createProgress, formatDuration } from '../progress.js';
import type { BuiltIssue } from './built-issue.js';
import type { MessageTransport } from './deliverer.js';
import { createMessageFactory, issueMessageOptions, type MessageFactory } from './message.js';

export interface SendIssueOptions {
  db: Db;
  issue: BuiltIssue;
  newsletter: Pick<NewsletterConfig, 'name' | 'sender' | 'webBaseUrl'> & { sending?: Partial<SendingSettings> };
  transport: MessageTransport;
  secret: string;
  log: Logger;
  /** Overrides newsletter.sending.rate; 0 = no limit. */
  rate?: number;
  /** Send at most this many messages in this run. */
  limit?: number;
  /** Stops claiming new rows (Ctrl-C): what is in flight finishes and is recorded. */
  signal?: AbortSignal;
  /** Skip transport.verify() (the caller already checked). */
  skipVerify?: boolean;
}

export interface SendReport {
  issue: string;
  /** Counts for this run. */
  sent: number;
  failed: number;
  bounced: number;
  /** Temporary failures in this run (each may have been retried). */
  retried: number;
  /** The ledger after the run. */
  ledger: LedgerCounts;
  /** Rows still waiting (for a retry or for their turn): the next run picks them up. */
  leftForRetry: number;
  recoveredFromCrash: number;
  durationMs: number;
  /** Messages per second over the run. */
  rate: number;
  /** Every row is final (sent, failed or skipped). */
  complete: boolean;
  /** Set when the run stopped early: what happened and what to do. */
  stopped?: { message: string; hint?: string };
  /** Most in flight at once: the bound on duplicates a crash can cause. */
  maxInFlight: number;
}

type Stop = { message: string; hint?: string };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one built issue to every active subscriber, resumably. The ledger decides who gets a
 * message; the window of rows in `sending` bounds both memory and the duplicates a crash can
 * cause. Used by `digest send` and in-process by `digest run`.
 */
export async function sendIssue(opts: SendIssueOptions): Promise<SendReport> {
  const { db, issue, log, transport } = opts;
  const slug = issue.meta.slug;
  const settings: SendingSettings = { ...sendingSchema.parse({}), ...opts.newsletter.sending };
  const rate = opts.rate ?? settings.rate;
  const windowSize = settings.maxInFlight ?? settings.maxConnections * 8;

  const lock = acquireLock(db, sendLockName(slug), `digest send ${slug}`);
  if (lock.tookOverFrom) log.warn(`took over the send lock of a run that is gone (${describeHolder(lock.tookOverFrom)})`);
  try {
    if (!opts.skipVerify) await transport.verify();
    const factory = await createMessageFactory(issueMessageOptions(opts.newsletter, settings, issue, opts.secret));
    const ledger = new Ledger(db, slug);
    const prep = ledger.prepare();
    if (prep.recovered) log.warn(`${prep.recovered} message(s) were being sent when an earlier run stopped; sending them again (some may arrive twice)`);
    if (prep.skipped) log.info(`${prep.skipped} subscriber(s) left since this issue's send began; skipped`);
    markIssueSendStarted(db, slug);
    // The issue's stories are spoken for once a real send begins: a resumed or later run must not
    // put them in another issue. Previews and dry runs never get here.
    markItemsUsed(db, slug, issue.meta.storyKeys ?? []);
    return await pump({ ledger, factory, transport, settings, rate, windowSize, opts, recovered: prep.recovered });
  } finally {
    lock.release();
  }
}

interface PumpArgs {
  ledger: Ledger;
  factory: MessageFactory;
  transport: MessageTransport;
  settings: SendingSettings;
  rate: number;
  windowSize: number;
  opts: SendIssueOptions;
  recovered: number;
}

async function pump(a: PumpArgs): Promise<SendReport> {
  const { ledger, factory, transport, settings, rate, windowSize, opts } = a;
  const { log } = opts;
  const started = Date.now();
  const first = ledger.counts();
  const todo = first.pending;
  const progress = createProgress({ log, label: `sending ${ledger.issue}` });
  const run = { sent: 0, failed: 0, bounced: 0, retried: 0 };
  let outcomes: Outcome[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let consecutiveFailures = 0;
  let stop: Stop | undefined;
  let cursor = 0;
  let claimed = 0;
  const batchSize = Math.max(1, Math.floor(windowSize / 2));
  let nextSlot = Date.now();
  let wake: () => void = () => {};
  let woken = new Promise<void>((r) => (wake = r));
  const signalStop = (): void => {
    stop ??= { message: 'interrupted', hint: 'run "digest send" again to resume' };
    wake();
  };
  opts.signal?.addEventListener('abort', signalStop, { once: true });

  const record = (o: Outcome): void => {
    outcomes.push(o);
    if (o.kind === 'sent') {
      run.sent++;
      consecutiveFailures = 0;
    } else if (o.kind !== 'released') {
      if (o.kind === 'retry') run.retried++;
      else if (o.bounce) run.bounced++;
      else run.failed++;
      if (++consecutiveFailures >= settings.maxConsecutiveFailures && !stop) {
        stop = {
          message: `stopped after ${consecutiveFailures} failures in a row (last: ${o.error})`,
          hint: 'the server is refusing mail; check its logs or your sending limits, then run "digest send" again to resume',
        };
      }
    }
    progress.update({ done: run.sent + run.failed + run.bounced, total: todo, extra: { failed: run.failed, bounced: run.bounced, retries: run.retried } });
  };

  const dispatch = async (row: ClaimedRow): Promise<void> => {
    try {
      if (rate > 0) {
        const t = Date.now();
        const at = Math.max(t, nextSlot);
        nextSlot = at + 1000 / rate;
        if (at > t) await sleep(at - t);
      }
      if (stop) return record({ kind: 'released', subscriberId: row.id });
      let message;
      try {
        message = factory.build(row);
      } catch (err) {
        return record({ kind: 'failed', subscriberId: row.id, error: `cannot build the message: ${(err as Error).message}`, bounce: false });
      }
      const result = await transport.send(message);
      if (result.ok) return record({ kind: 'sent', subscriberId: row.id, messageId: message.messageId });
      const f = result.failure;
      if (f.kind === 'fatal') {
        stop ??= { message: f.message, hint: 'fix SMTP_URL or the server, then run "digest send" again: nothing sent so far is sent twice' };
        return record({ kind: 'released', subscriberId: row.id });
      }
      if (f.kind === 'temporary') {
        if (row.attempt < settings.maxAttempts) {
          const delay = settings.retryBaseSeconds * 1000 * 2 ** (row.attempt - 1);
          return record({ kind: 'retry', subscriberId: row.id, error: f.message, notBefore: Date.now() + delay });
        }
        return record({ kind: 'failed', subscriberId: row.id, error: `gave up after ${row.attempt} attempts: ${f.message}`, bounce: false });
      }
      return record({ kind: 'failed', subscriberId: row.id, error: f.message, bounce: f.kind === 'bounce' });
    } finally {
      inFlight--;
      wake();
    }
  };

  try {
    for (;;) {
      const limitLeft = opts.limit === undefined ? Infinity : opts.limit - claimed;
      const free = stop ? 0 : Math.min(windowSize - inFlight, limitLeft);
      // Group commit: each transaction costs an fsync, the run's real bottleneck. Commit when half
      // the window is free (the other half keeps every connection busy meanwhile), when the run
      // stops, or when nothing is in flight. Rows stay `sending` until then, within the window.
      if (inFlight > 0 && !stop && free < batchSize && free < limitLeft) {
        await woken;
        woken = new Promise<void>((r) => (wake = r));
        continue;
      }
      const done = outcomes;
      outcomes = [];
      const rows = ledger.commit(done, free > 0 ? { after: cursor, limit: free, nowMs: Date.now() } : undefined);
      for (const row of rows) {
        cursor = row.id;
        claimed++;
        inFlight++;
        void dispatch(row);
      }
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (inFlight === 0 && rows.length === 0) {
        if (stop || claimed >= (opts.limit ?? Infinity)) break;
        // The end of a pass: wait for due retries if they come soon enough, else leave them.
        const due = ledger.nextRetryAt();
        if (due === null) break;
        const wait = due - Date.now();
        if (wait > settings.maxRetryWaitSeconds * 1000) break;
        if (wait > 0) {
          log.info(`waiting ${formatDuration(wait)} to retry ${ledger.counts().retrying} message(s)`);
          await Promise.race([sleep(wait), woken]);
        }
        cursor = 0;
        continue;
      }
      await woken;
      woken = new Promise<void>((r) => (wake = r));
    }
  } finally {
    opts.signal?.removeEventListener('abort', signalStop);
    // Whatever happened, what finished is recorded.
    if (outcomes.length) ledger.commit(outcomes);
    progress.finish();
  }

  ledger.skipInactive();
  const counts = ledger.counts();
  const complete = counts.total > 0 && counts.pending === 0 && counts.sending === 0;
  if (complete) markIssueSent(opts.db, ledger.issue);
  const durationMs = Date.now() - started;
  return {
    issue: ledger.issue,
    ...run,
    ledger: counts,
    leftForRetry: counts.pending + counts.sending,
    recoveredFromCrash: a.recovered,
    durationMs,
    rate: durationMs > 0 ? (run.sent * 1000) / durationMs : 0,
    complete,
    stopped: stop,
    maxInFlight,
  };
}

/** The closing lines people read: what happened, and what the next run will do. */
export function summarise(r: SendReport): string[] {
  const lines = [
    `${r.issue}: sent ${r.sent}, failed ${r.failed}, bounced ${r.bounced}, left for retry ${r.leftForRetry} in ${formatDuration(r.durationMs)} (${r.rate.toFixed(0)} msg/s)`,
    `ledger: ${r.ledger.sent} sent, ${r.ledger.failed} failed, ${r.ledger.skipped} skipped, ${r.ledger.pending + r.ledger.sending} waiting, of ${r.ledger.total}`,
  ];
  if (r.complete) lines.push('every subscriber has a final status for this issue');
  return lines;
}
