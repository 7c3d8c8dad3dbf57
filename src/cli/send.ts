import type { CommandRegistrar } from './context.js';
import { contextFrom, withLogging, withPaths } from './context.js';
import { loadDotEnv } from '../config/env.js';
import { DigestError, ExitCode } from '../errors.js';

interface SendOptions {
  issue?: string;
  dryRun?: boolean;
  to?: string;
  limit?: string;
  rate?: string;
  content: string;
  out: string;
  quiet?: boolean;
}

function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new DigestError(`${flag} must be a number ≥ ${min} (got "${value}")`);
  return n;
}

export const registerSend: CommandRegistrar = (program, run) => {
  const send = withPaths(
    program
      .command('send')
      .description('send the newest built issue (or --issue) to every active subscriber; resumable')
      .option('--issue <slug>', 'the built issue to send (default: the newest in --out)')
      .option('--dry-run', 'write the first messages as .eml files under out/<slug>/dry-run/ and change nothing')
      .option('--to <email>', 'send one test copy (subject marked [TEST]) to this address, outside the ledger')
      .option('--limit <n>', 'dry run: how many messages (default 3); send: at most this many in this run')
      .option('--rate <n>', 'messages per second (default: sending.rate in newsletter.yaml; 0 = no limit)'),
  );
  withLogging(send).action((o: SendOptions) =>
    run(async () => {
      loadDotEnv();
      const ctx = contextFrom(o);
      // The SMTP stack is loaded here, not at start-up, so other commands never pay for it.
      const [{ runDryRun, runSend, sendTestCopy }, { summarise }] = await Promise.all([import('../deliver/send-runner.js'), import('../deliver/send-issue.js')]);
      const base = { contentDir: ctx.contentDir, outDir: ctx.outDir, issueSlug: o.issue, log: ctx.log };
      const limit = count(o.limit, '--limit', 1);
      const rate = count(o.rate, '--rate', 0);
      if (o.dryRun && o.to) throw new DigestError('--dry-run and --to do not go together', { hint: 'a dry run writes files; --to sends one real test copy' });

      if (o.dryRun) {
        const { dir, files } = await runDryRun({ ...base, limit });
        ctx.log.info(`wrote ${files.length} message(s) to ${dir}/ (nothing sent, no state changed)`);
        return ExitCode.ok;
      }
      if (o.to) {
        const { messageId } = await sendTestCopy({ ...base, to: o.to });
        ctx.log.info(`test copy sent to ${o.to} (${messageId}); the ledger is unchanged`);
        return ExitCode.ok;
      }

      // Ctrl-C stops handing out new messages; those in flight finish and are recorded.
      const controller = new AbortController();
      const onSignal = (): void => {
        ctx.log.warn('stopping: waiting for messages in flight (Ctrl-C again to force)');
        process.once('SIGINT', () => process.exit(130));
        controller.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let report;
      try {
        report = await runSend({ ...base, rate, limit, signal: controller.signal });
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
      for (const line of summarise(report)) ctx.log.info(line);
      if (report.stopped) {
        throw new DigestError(report.stopped.message, { code: ExitCode.worldFailure, hint: report.stopped.hint });
      }
      if (!report.complete) {
        if (report.ledger.total === 0) {
          ctx.log.info('no active subscribers: nothing to send (see "digest subscribers import")');
          return ExitCode.ok;
        }
        ctx.log.warn(`${report.leftForRetry} message(s) left for a later run (${report.ledger.retrying} after a temporary failure): run "digest send" again later`);
        return ExitCode.worldFailure;
      }
      return ExitCode.ok;
    }),
  );
};
