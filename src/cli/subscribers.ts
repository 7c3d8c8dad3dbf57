import { Option } from 'commander';
import type { CommandRegistrar } from './context.js';
import { contextFrom } from './context.js';
import { loadDotEnv } from '../config/env.js';
import { DigestError, ExitCode } from '../errors.js';
import { openState, stateDir } from '../store/db.js';
import {
  SUBSCRIBER_STATUSES,
  countSubscribers,
  importSubscribers,
  iterateSubscribers,
  removeSubscriber,
  setSubscriberStatus,
  type SubscriberStatus,
} from '../store/subscribers.js';

export const registerSubscribers: CommandRegistrar = (program, run) => {
  const cmd = program.command('subscribers').description('manage the subscriber list in the state database (DIGEST_STATE_DIR)');

  const withDb = async <T>(work: (db: ReturnType<typeof openState>) => T | Promise<T>): Promise<T> => {
    loadDotEnv();
    const db = openState(stateDir());
    try {
      return await work(db);
    } finally {
      db.close();
    }
  };

  cmd
    .command('import <file>')
    .description('add subscribers from a CSV file (header row; "email" required, "name" optional, other columns become template fields)')
    .action((file: string) =>
      run(async () => {
        const log = contextFrom({}).log;
        const started = Date.now();
        const report = await withDb((db) => importSubscribers(db, file));
        for (const p of report.problems) log.warn(`${file}:${p.line}: ${p.message}`);
        if (report.invalid > report.problems.length) log.warn(`… and ${report.invalid - report.problems.length} more invalid rows`);
        log.info(
          `${file}: ${report.rows} rows: ${report.added} added, ${report.updated} updated, ${report.duplicates} repeated in the file, ${report.invalid} invalid (skipped) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
        );
        if (report.invalid) log.info('unsubscribed and bounced addresses keep their status; fix the invalid rows and import again to add them');
        return ExitCode.ok;
      }),
    );

  cmd
    .command('list')
    .description('list subscribers (stderr table, or --json lines on stdout)')
    .addOption(new Option('--status <status>', 'only this status').choices([...SUBSCRIBER_STATUSES]))
    .option('--json', 'one JSON object per line on stdout')
    .action((o: { status?: SubscriberStatus; json?: boolean }) =>
      run(async () =>
        withDb((db) => {
          for (const s of iterateSubscribers(db, { status: o.status })) {
            if (o.json) process.stdout.write(JSON.stringify(s) + '\n');
            else process.stdout.write(`${s.email}\t${s.name ?? ''}\t${s.status}\n`);
          }
          return ExitCode.ok;
        }),
      ),
    );

  cmd
    .command('count')
    .description('count subscribers by status')
    .option('--json', 'JSON on stdout')
    .action((o: { json?: boolean }) =>
      run(async () =>
        withDb((db) => {
          const c = countSubscribers(db);
          process.stdout.write(o.json ? JSON.stringify(c) + '\n' : `active ${c.active}\nunsubscribed ${c.unsubscribed}\nbounced ${c.bounced}\ntotal ${c.total}\n`);
          return ExitCode.ok;
        }),
      ),
    );

  cmd
    .command('remove <email>')
    .description('delete a subscriber and their delivery records')
    .action((email: string) =>
      run(async () =>
        withDb((db) => {
          if (!removeSubscriber(db, email)) throw new DigestError(`no subscriber ${email}`, { hint: 'see "digest subscribers list"' });
          contextFrom({}).log.info(`removed ${email}`);
          return ExitCode.ok;
        }),
      ),
    );

  cmd
    .command('unsubscribe <email>')
    .description('mark a subscriber unsubscribed (kept, so a re-import never adds them back)')
    .action((email: string) =>
      run(async () =>
        withDb((db) => {
          const before = setSubscriberStatus(db, email, 'unsubscribed', 'by the command line');
          if (!before) throw new DigestError(`no subscriber ${email}`, { hint: 'see "digest subscribers list"' });
          contextFrom({}).log.info(before.status === 'unsubscribed' ? `${email} was already unsubscribed` : `unsubscribed ${email} (was ${before.status})`);
          return ExitCode.ok;
        }),
      ),
    );
};
