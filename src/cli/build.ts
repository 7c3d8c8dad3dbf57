import type { Command } from 'commander';
import { contextFrom, withLogging, withPaths, type CommandRegistrar, type GlobalOptions } from './context.js';
import { ExitCode, formatProblem } from '../errors.js';
import { parseIssueDate } from './options.js';
import { formatKb, GMAIL_CLIP_BYTES } from '../render/size.js';
import { loadDotEnv } from '../config/env.js';
import { displayPath } from '../paths.js';

interface BuildFlags extends GlobalOptions {
  date?: string;
  dryRun?: boolean;
}

export const registerBuild: CommandRegistrar = (program: Command, run) => {
  withLogging(withPaths(program.command('build')))
    .description("build this week's issue into out/<date>/ (email.html, email.txt, web.html) and refresh the archive")
    .option('--date <YYYY-MM-DD|latest>', 'issue date; the issue takes the articles of the window ending that day (default: today)')
    .option('--dry-run', 'write the files but change no state (issue numbers, feed caches)')
    .action((flags: BuildFlags) =>
      run(async () => {
        loadDotEnv();
        const ctx = contextFrom(flags);
        (await import('../render/mjml.js')).startMjmlWorker();
        const { buildDigest } = await import('../pipeline.js');
        const started = performance.now();
        const result = await buildDigest({ contentDir: ctx.contentDir, outDir: ctx.outDir, date: parseIssueDate(flags.date), dryRun: flags.dryRun, log: ctx.log });
        const { issue, rendered } = result;
        const count = issue.sections.reduce((n, s) => n + s.articles.length, 0);
        ctx.log.info(`Built issue #${issue.number} (${issue.slug}): ${count} articles in ${issue.sections.length} sections, in ${Math.round(performance.now() - started)} ms`);
        ctx.log.info(`  subject: ${rendered.subject}`);
        ctx.log.info(`  wrote ${displayPath(result.dir!)}/: email.html, email.txt, email.mjml, web.html`);
        ctx.log.info(`  HTML size ${formatKb(rendered.htmlBytes)} of Gmail's ~${formatKb(GMAIL_CLIP_BYTES)} clipping limit (${Math.round((rendered.htmlBytes / GMAIL_CLIP_BYTES) * 100)}%)`);
        for (const w of result.warnings) ctx.log.warn(formatProblem(w));
        return ExitCode.ok;
      }),
    );
};
