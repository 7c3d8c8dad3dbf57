import { hostname } from 'node:os';
import type { Db } from './db.js';
import { DigestError, ExitCode } from '../errors.js';

/**
 * Named locks in the state database, so `digest send` and `digest run` never work on the same
 * issue twice at once. The row names its holder (pid, host, start time) for the message the
 * loser prints. A holder that died (SIGKILL, power cut) leaves its row behind; when its pid is
 * gone on this host the lock is taken over, inside one write transaction so two takers cannot
 * both win.
 */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
}

export interface Lock {
  readonly name: string;
  readonly holder: LockHolder;
  /** Set when the lock was taken over from a dead holder. */
  readonly tookOverFrom?: LockHolder;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on ${h.host}, ${h.purpose}, since ${h.startedAt}`;
}

export function readLock(db: Db, name: string): LockHolder | null {
  const row = db.prepare('SELECT pid, host, started_at AS startedAt, purpose FROM locks WHERE name = ?').get(name) as LockHolder | undefined;
  return row ?? null;
}

/** Takes the lock or throws a DigestError with exit code 4 that names the holder. */
export function acquireLock(db: Db, name: string, purpose: string): Lock {
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose };
  let tookOverFrom: LockHolder | undefined;
  db.transaction(() => {
    const held = readLock(db, name);
    if (held) {
      const dead = held.host === me.host && held.pid !== me.pid && !alive(held.pid);
      if (!dead) {
        throw new DigestError(`another run holds the lock "${name}" (${describeHolder(held)})`, {
          code: ExitCode.locked,
          hint: held.host === me.host
            ? 'wait for it to finish; if it is stuck, stop that process and run again'
            : `it runs on another machine; if that machine is gone, remove the lock with: sqlite3 <state>/digest.sqlite "DELETE FROM locks WHERE name = '${name}'"`,
        });
      }
      tookOverFrom = held;
      db.prepare('DELETE FROM locks WHERE name = ?').run(name);
    }
    db.prepare('INSERT INTO locks (name, pid, host, started_at, purpose) VALUES (?, ?, ?, ?, ?)').run(name, me.pid, me.host, me.startedAt, me.purpose);
  }).immediate();
  let released = false;
  return {
    name,
    holder: me,
    tookOverFrom,
    release() {
      if (released) return;
      released = true;
      db.prepare('DELETE FROM locks WHERE name = ? AND pid = ? AND host = ?').run(name, me.pid, me.host);
    },
  };
}

/** The lock name for sending one issue; `digest run` takes the same one before it sends. */
export const sendLockName = (issue: string): string => `send:${issue}`;
