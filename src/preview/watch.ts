import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** A batch of saves, reported once the files have been quiet for the debounce time. */
export interface ChangeBatch {
  files: string[];
  /** performance.now() of the first event in the batch: the start of "save to page" time. */
  firstEventAt: number;
}

export interface DirWatcher {
  /** Replaces the watched folders; the editor's templatesDir can change with newsletter.yaml. */
  setDirs(dirs: string[]): void;
  dirs(): string[];
  close(): void;
}

// Editors write swap and backup files next to the one being edited; those are not saves.
const NOISE = /(^|[\\/])(\.#[^\\/]*|[^\\/]*\.sw[px]|[^\\/]*~|4913)$/;

/**
 * Watches folders with `fs.watch({ recursive: true })`, which Node 20 supports on Linux (it adds
 * watches for folders created later, too). Events come in bursts (an editor's atomic save is a
 * write and a rename), so they are collected until `debounceMs` pass without a new one; a stream
 * that never pauses is still flushed after `maxWaitMs`.
 */
export function watchDirs(dirs: string[], onChange: (batch: ChangeBatch) => void, opts: { debounceMs?: number; maxWaitMs?: number } = {}): DirWatcher {
  const debounceMs = opts.debounceMs ?? 100;
  const maxWaitMs = opts.maxWaitMs ?? 1000;
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let firstEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    const batch = { files: [...pending], firstEventAt };
    pending = new Set();
    if (!closed) onChange(batch);
  };

  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null) => {
    const file = name ? join(dir, String(name)) : dir;
    if (NOISE.test(file)) return;
    const now = performance.now();
    if (pending.size === 0) firstEventAt = now;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, now - firstEventAt >= maxWaitMs ? 0 : debounceMs);
  };

  const setDirs = (wanted: string[]) => {
    const roots = outermost(wanted.map((d) => resolve(d)));
    for (const [dir, w] of watchers) {
      if (!roots.includes(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of roots) {
      // A folder that does not exist yet (a templatesDir being set up) is picked up on a later call.
      if (watchers.has(dir) || !existsSync(dir)) continue;
      try {
        const w = watch(dir, { recursive: true }, onEvent(dir));
        // The folder was deleted or became unreadable: forget it so a later setDirs retries.
        w.on('error', () => {
          w.close();
          if (watchers.get(dir) === w) watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // Same as a missing folder: retried on the next render.
      }
    }
  };

  setDirs(dirs);
  return {
    setDirs,
    dirs: () => [...watchers.keys()],
    close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

/** Drops folders inside another watched folder: a recursive watch already sees them. */
function outermost(dirs: string[]): string[] {
  const unique = [...new Set(dirs)];
  return unique.filter((d) => !unique.some((o) => o !== d && isInside(d, o)));
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel);
};
