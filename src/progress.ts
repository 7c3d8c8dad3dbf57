import type { Logger } from './log.js';

/**
 * Progress of a long job: a redrawn bar on a terminal, a plain log line every few seconds
 * otherwise (cron mails and log collectors want lines, not carriage returns).
 */
export interface ProgressCounts {
  done: number;
  total: number;
  /** Extra counters shown after the bar, e.g. { failed: 2, retry: 5 }. */
  extra?: Record<string, number>;
}

export interface Progress {
  update(counts: ProgressCounts): void;
  /** Clears the bar; the caller prints the summary. */
  finish(): void;
}

export interface ProgressOptions {
  log: Logger;
  label: string;
  /** Seconds between log lines without a terminal. */
  intervalSeconds?: number;
  write?: (s: string) => void;
  now?: () => number;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => Date.now());
  const write = opts.write ?? ((s: string) => process.stderr.write(s));
  const start = now();
  const bar = opts.log.tty && !opts.log.json && !opts.log.quiet;
  const every = (bar ? 0.1 : opts.intervalSeconds ?? 5) * 1000;
  let last = 0;
  let drawn = false;
  let latest: ProgressCounts = { done: 0, total: 0 };

  const line = (c: ProgressCounts): string => {
    const elapsed = now() - start;
    const rate = elapsed > 0 ? (c.done * 1000) / elapsed : 0;
    const left = Math.max(c.total - c.done, 0);
    const eta = rate > 0 ? formatDuration((left / rate) * 1000) : '?';
    const pct = c.total ? Math.floor((c.done / c.total) * 100) : 100;
    const extra = Object.entries(c.extra ?? {})
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    return `${opts.label} ${c.done}/${c.total} (${pct}%) ${rate.toFixed(0)}/s ETA ${eta}${extra ? ` · ${extra}` : ''}`;
  };

  const draw = (c: ProgressCounts): void => {
    const width = 24;
    const filled = c.total ? Math.min(width, Math.round((c.done / c.total) * width)) : width;
    write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(c)}`);
    drawn = true;
  };

  return {
    update(c) {
      latest = c;
      const t = now();
      if (t - last < every) return;
      last = t;
      if (bar) draw(c);
      else if (!opts.log.quiet) opts.log.info(line(c), { done: c.done, total: c.total, ...c.extra });
    },
    finish() {
      if (bar && drawn) {
        draw(latest);
        write('\n');
      }
    },
  };
}
