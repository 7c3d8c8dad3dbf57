/**
 * Output for people, on stderr. On a terminal it is plain readable lines (and progress bars drawn
 * by progress.ts); under cron every line carries a timestamp, and `--log json` gives one JSON
 * object per line for log collectors. stdout is kept for output meant for programs (`--json`).
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  readonly tty: boolean;
  readonly quiet: boolean;
  readonly json: boolean;
}

export interface LoggerOptions {
  quiet?: boolean;
  json?: boolean;
  /** Whether stderr is a terminal; decides timestamps and progress bars. */
  tty?: boolean;
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const tty = opts.tty ?? Boolean(process.stderr.isTTY);
  const json = opts.json ?? false;
  const quiet = opts.quiet ?? false;
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = opts.now ?? (() => new Date());

  function emit(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    // --quiet keeps warnings and errors: cron mails whatever a job prints, and those matter.
    if (quiet && level === 'info') return;
    if (json) {
      write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }));
      return;
    }
    const prefix = level === 'info' ? '' : `${level}: `;
    const text = `${prefix}${message}`;
    write(tty ? text : `${now().toISOString()} ${text.replace(/\n/g, '\n  ')}`);
  }

  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    tty,
    quiet,
    json,
  };
}

/** A logger that remembers lines instead of printing them: for tests and the preview's panel. */
export function createMemoryLogger(): Logger & { lines: { level: LogLevel; message: string }[] } {
  const lines: { level: LogLevel; message: string }[] = [];
  const push = (level: LogLevel) => (message: string) => void lines.push({ level, message });
  return { info: push('info'), warn: push('warn'), error: push('error'), tty: false, quiet: false, json: false, lines };
}
