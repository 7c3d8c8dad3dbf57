import type { Command } from 'commander';
import { contextFrom, withLogging, withPaths, type CommandRegistrar, type GlobalOptions } from './context.js';
import { loadDotEnv } from '../config/env.js';
import { parseIssueDate, parsePositiveNumber } from './options.js';
import { DigestError } from '../errors.js';

interface RunFlags extends GlobalOptions {
  date?: string;
  rate?: string;
}

export const registerRun: CommandRegistrar = (program: Command, run) => {
  withLogging(withPaths(program.command('run')))
    .description('the cron entry: resume an unfinished send, or build this window\'s issue and send it when there is something new')
    .option('--date <YYYY-MM-DD>', 'issue date (default: today)')
    .option('--rate <n>', 'messages per second (default: sending.rate in newsletter.yaml)')
    .action((flags: RunFlags) =>
      run(async () => {
        loadDotEnv();
        const ctx = contextFrom(flags);
        const date = parseIssueDate(flags.date);
        if (date === 'latest') throw new DigestError('digest run takes a real date, not "latest"', { hint: 'leave --date out to use today' });
        (await import('../render/mjml.js')).startMjmlWorker();
        const { cronRun } = await import('../cron/run.js');
        return cronRun({ contentDir: ctx.contentDir, outDir: ctx.outDir, date, rate: flags.rate === undefined ? undefined : parsePositiveNumber(flags.rate, '--rate'), log: ctx.log });
      }),
    );
};
