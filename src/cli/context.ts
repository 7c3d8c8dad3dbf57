import { Option, type Command } from 'commander';
import { createLogger, type Logger } from '../log.js';

/**
 * What every command gets: where content and output live, and how to talk to people.
 * Commands return an exit code instead of setting one; main.ts is the only place that exits.
 */
export interface CliContext {
  contentDir: string;
  outDir: string;
  log: Logger;
  /** Output meant for programs (`--json`). */
  stdout: (text: string) => void;
}

export interface GlobalOptions {
  content: string;
  out: string;
  quiet?: boolean;
  log?: string;
}

/** Adds --content and --out, which every command that reads content or built issues takes. */
export function withPaths(cmd: Command): Command {
  return cmd
    .option('--content <dir>', 'folder with newsletter.yaml and articles/', 'content')
    .option('--out <dir>', 'folder for built issues and the web archive', 'out');
}

/**
 * --quiet and --log, for every command that talks while it works: under cron `--quiet` keeps the
 * mail from cron to warnings and errors, and `--log json` feeds a log collector.
 */
export function withLogging(cmd: Command): Command {
  return cmd
    .option('--quiet', 'print only warnings and errors')
    .addOption(new Option('--log <format>', 'log lines as text (timestamped when not on a terminal) or json').choices(['text', 'json']).default('text'));
}

export function contextFrom(opts: Partial<GlobalOptions>): CliContext {
  return {
    contentDir: opts.content ?? 'content',
    outDir: opts.out ?? 'out',
    log: createLogger({ quiet: opts.quiet, json: opts.log === 'json' }),
    stdout: (text) => process.stdout.write(text),
  };
}

export type CommandRegistrar = (program: Command, run: (work: () => Promise<number>) => Promise<void>) => void;
