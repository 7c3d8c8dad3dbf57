import { loadConfig } from '../config/load.js';
import { DigestError, ExitCode } from '../errors.js';
import type { Logger } from '../log.js';
import { openState, stateDir } from '../store/db.js';
import { acquireLock, describeHolder } from '../store/lock.js';
import { markIssueAbandoned, unfinishedIssues, type IssueRecord } from '../store/issues.js';
import { buildDigest } from '../pipeline.js';
import { runSend } from '../deliver/send-runner.js';
import { summarise, type SendReport } from '../deliver/send-issue.js';

export interface CronRunOptions {
  contentDir: string;
  outDir: string;
  /** The issue date; default now. */
  date?: Date;
  rate?: number;
  env?: NodeJS.ProcessEnv;
  log: Logger;
  now?: Date;
}

export const RUN_LOCK = 'run';
const HOUR_MS = 3_600_000;

/**
 * The cron entry point: resume an unfinished issue if it is still on time, otherwise build this
 * window's issue and send it. Safe at any frequency: one lock, one issue per window, nothing sent
 * twice, nothing stale. Returns the exit code of DESIGN.md.
 */
export async function cronRun(opts: CronRunOptions): Promise<number> {
  const env = opts.env ?? process.env;
  const now = opts.now ?? new Date();
  const config = loadConfig(opts.contentDir);
  const db = openState(stateDir(env));
  const lock = acquireLock(db, RUN_LOCK, 'digest run');
  if (lock.tookOverFrom) opts.log.warn(`took over the lock of a run that is gone (${describeHolder(lock.tookOverFrom)})`);
  let late = false;
  try {
    const deadlineMs = config.newsletter.issue.sendDeadlineHours * HOUR_MS;
    for (const unfinished of unfinishedIssues(db)) {
      const due = new Date(unfinished.send_started_at ?? unfinished.built_at);
      if (now.getTime() - due.getTime() > deadlineMs) {
        late = true;
        abandon(db, unfinished, due, now, config.newsletter.issue.sendDeadlineHours, opts.log);
        continue;
      }
      opts.log.info(`resuming issue #${unfinished.number} (${unfinished.slug}), whose send did not finish`);
      return finish(await send(opts, env, unfinished.slug), late, opts.log);
    }

    let slug: string;
    try {
      const built = await buildDigest({
        contentDir: opts.contentDir,
        outDir: opts.outDir,
        date: opts.date ?? now,
        log: opts.log,
        now,
        stateDir: stateDir(env),
        minArticles: config.newsletter.issue.minArticles,
      });
      slug = built.issue.slug;
      opts.log.info(`built issue #${built.issue.number} (${slug}): ${built.rendered.subject}`);
    } catch (err) {
      if (err instanceof DigestError && err.code === ExitCode.nothingToDo) {
        opts.log.info(`nothing to send: ${err.message}`);
        return late ? ExitCode.worldFailure : ExitCode.nothingToDo;
      }
      throw err;
    }
    return finish(await send(opts, env, slug), late, opts.log);
  } finally {
    lock.release();
    db.close();
  }
}

function send(opts: CronRunOptions, env: NodeJS.ProcessEnv, slug: string): Promise<SendReport> {
  return runSend({ contentDir: opts.contentDir, outDir: opts.outDir, issueSlug: slug, env, log: opts.log, rate: opts.rate });
}

function abandon(db: ReturnType<typeof openState>, issue: IssueRecord, due: Date, now: Date, hours: number, log: Logger): void {
  const lateBy = Math.round((now.getTime() - due.getTime()) / HOUR_MS);
  const reason = `${lateBy} hours late, past the send deadline of ${hours} hours`;
  markIssueAbandoned(db, issue.slug, reason, now);
  log.error(`issue #${issue.number} (${issue.slug}) was not sent in time: it is ${reason}; it will not be sent (issue.sendDeadlineHours sets the deadline)`);
}

function finish(report: SendReport, late: boolean, log: Logger): number {
  if (report.ledger.total === 0) {
    log.warn('there are no active subscribers, so nobody got this issue (see "digest subscribers import")');
    return late ? ExitCode.worldFailure : ExitCode.ok;
  }
  for (const line of summarise(report)) log.info(line);
  if (report.stopped) log.error(report.stopped.message + (report.stopped.hint ? ` (${report.stopped.hint})` : ''));
  return report.complete && !late ? ExitCode.ok : ExitCode.worldFailure;
}
