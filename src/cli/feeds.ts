import type { Command } from 'commander';
import { contextFrom, withPaths, type CommandRegistrar, type GlobalOptions } from './context.js';
import { ExitCode } from '../errors.js';
import type { FeedCheck } from '../feeds/collect.js';

/**
 * `digest feeds check`: fetch every feed and say how each one is doing. It changes no state: the
 * database is opened read-only (for the validators, so an unchanged feed still costs a 304).
 */
export const registerFeeds: CommandRegistrar = (program, run) => {
  const feeds = program.command('feeds').description('work with the RSS/Atom feeds listed in newsletter.yaml');
  withPaths(feeds.command('check'))
    .description('fetch every feed and print name, status, item count, newest item and time taken; changes no state')
    .option('--json', 'print the results as JSON on stdout')
    .action((opts: Partial<GlobalOptions> & { json?: boolean }, cmd: Command) =>
      run(async () => {
        const ctx = contextFrom({ ...cmd.optsWithGlobals(), ...opts });
        // Loaded here, not at start-up: every other command would pay for the feed stack.
        const [{ loadConfig }, { openStateReadOnly }, { allFeedsFailed, collectFeeds }] = await Promise.all([
          import('../config/load.js'),
          import('../store/db.js'),
          import('../feeds/collect.js'),
        ]);
        const config = loadConfig(ctx.contentDir);
        const list = config.newsletter.feeds;
        if (list.length === 0) {
          ctx.log.info(`no feeds in ${config.file}; add a "feeds:" list (see docs/feeds.md)`);
          if (opts.json) ctx.stdout('[]\n');
          return ExitCode.ok;
        }
        const db = openStateReadOnly();
        try {
          const result = await collectFeeds(config, { db, readOnly: true, log: quietLog(ctx.log) });
          if (opts.json) ctx.stdout(JSON.stringify(result.checks.map(toJson), null, 2) + '\n');
          else for (const line of table(result.checks)) ctx.log.info(line);
          if (allFeedsFailed(result, list.length)) {
            ctx.log.error(`every feed failed (${list.length} of ${list.length})`);
            return ExitCode.worldFailure;
          }
          return ExitCode.ok;
        } finally {
          db?.close();
        }
      }),
    );
};

/** The table already says which feeds failed and why; the collector's own warnings would repeat it. */
function quietLog(log: ReturnType<typeof contextFrom>['log']): typeof log {
  return { ...log, info: () => {}, warn: () => {} };
}

function toJson(c: FeedCheck) {
  return {
    name: c.name,
    url: c.url,
    status: c.status,
    httpStatus: c.httpStatus ?? null,
    items: c.items,
    newest: c.newest?.toISOString() ?? null,
    ms: c.ms,
    reason: c.reason ?? null,
    skipped: c.skipped,
  };
}

function table(checks: FeedCheck[]): string[] {
  const rows = checks.map((c) => [
    c.name,
    c.status === 'failed' ? `FAILED${c.httpStatus ? ` (${c.httpStatus})` : ''}` : c.status === 'not-modified' ? 'ok (304)' : 'ok',
    c.status === 'failed' ? '-' : String(c.items),
    c.newest ? c.newest.toISOString().slice(0, 16).replace('T', ' ') : '-',
    `${c.ms} ms`,
  ]);
  const head = ['feed', 'status', 'items', 'newest (UTC)', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 2 || i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)];
  for (const c of checks) if (c.reason) lines.push(`${c.name}: ${c.reason}`);
  return lines;
}
