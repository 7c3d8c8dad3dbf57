import { Command, CommanderError } from 'commander';
import { DigestError, ExitCode, formatError } from '../errors.js';
import type { CommandRegistrar } from './context.js';
import { registerBuild } from './build.js';
import { registerQuotes } from './quotes.js';
import { registerFeeds } from './feeds.js';
import { registerSubscribers } from './subscribers.js';
import { registerSend } from './send.js';
import { registerRun } from './run.js';
import { registerPreview } from './preview.js';
import { registerServe } from './serve.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const commands: CommandRegistrar[] = [
  registerBuild,
  registerQuotes,
  registerFeeds,
  registerSubscribers,
  registerSend,
  registerRun,
  registerPreview,
  registerServe,
];

/** Runs the command line and returns the exit code (DESIGN.md: 0 done, 1 user error, 2 world failure, 3 nothing to do, 4 locked). */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('digest')
    .description('Build and send an email digest from curated Markdown articles and RSS/Atom feeds.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const run = async (work: () => Promise<number>): Promise<void> => {
    exitCode = await work();
  };
  for (const register of commands) register(program, run);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    return reportFailure(err);
  }
  return exitCode;
}

function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.userError;
  }
  const debug = (process.env.DEBUG ?? '').split(',').includes('digest');
  if (err instanceof DigestError) {
    process.stderr.write(formatError(err) + '\n');
    if (debug) process.stderr.write((err.stack ?? '') + '\n');
    return err.code;
  }
  // Anything else is our bug or an unexpected failure of the world: say so plainly.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`digest: unexpected error: ${message}\n`);
  if (debug && err instanceof Error) process.stderr.write((err.stack ?? '') + '\n');
  else process.stderr.write('  (set DEBUG=digest to see the stack trace)\n');
  return ExitCode.worldFailure;
}
