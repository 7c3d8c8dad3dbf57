import type { Command } from 'commander';
import { relative } from 'node:path';
import { contextFrom, withLogging, withPaths, type CommandRegistrar, type GlobalOptions } from './context.js';
import { ExitCode } from '../errors.js';
import { parseIssueDate, parsePort } from './options.js';
import { loadDotEnv } from '../config/env.js';

interface PreviewFlags extends GlobalOptions {
  port: string;
  date?: string;
  screenshot?: boolean;
  chromium: string;
}

export const registerPreview: CommandRegistrar = (program: Command, run) => {
  withLogging(withPaths(program.command('preview')))
    .description('serve the next issue on 127.0.0.1 with desktop and phone views and checks, re-rendered on every save; writes nothing')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--date <YYYY-MM-DD|latest>', 'issue date, as for digest build', 'latest')
    .option('--screenshot', 'render once and write desktop.png and phone.png into out/<issue>/ instead of serving')
    .option('--chromium <path>', 'the chromium binary for --screenshot', '/usr/bin/chromium')
    .action((flags: PreviewFlags) =>
      run(async () => {
        loadDotEnv();
        const ctx = contextFrom(flags);
        const date = parseIssueDate(flags.date) ?? 'latest';
        if (flags.screenshot) {
          const { takeScreenshots } = await import('../preview/screenshot.js');
          const shots = await takeScreenshots({ contentDir: ctx.contentDir, outDir: ctx.outDir, date, executablePath: flags.chromium });
          ctx.log.info(`Rendered issue #${shots.rendering.issue.number} (${shots.rendering.issue.slug}) in ${shots.rendering.ms} ms`);
          for (const file of [shots.desktop, shots.phone]) ctx.log.info(`  wrote ${relative(process.cwd(), file) || file}`);
          return ExitCode.ok;
        }
        const { startPreview } = await import('../preview/server.js');
        const preview = await startPreview({ contentDir: ctx.contentDir, port: parsePort(flags.port), date, log: ctx.log });
        ctx.log.info(`Preview: ${preview.url}  (watching for changes; Ctrl-C to stop)`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await preview.close();
        return ExitCode.ok;
      }),
    );
};
