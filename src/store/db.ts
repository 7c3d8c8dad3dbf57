import Database from 'better-sqlite3';
import { mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrations } from './migrations/index.js';
import { DigestError, ExitCode } from '../errors.js';

export type Db = Database.Database;

export const DB_FILE = 'digest.sqlite';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DIGEST_STATE_DIR || '.digest');
}

/**
 * Opens (and creates, and migrates) the state database. WAL lets a reader (preview, serve) work
 * while a send writes; synchronous=FULL makes each commit survive a power cut, not just a crash,
 * which the delivery ledger relies on.
 */
export function openState(dir: string = stateDir()): Db {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new DigestError(`cannot open the state database: ${(err as Error).message}`, {
      file,
      code: ExitCode.worldFailure,
      hint: 'check DIGEST_STATE_DIR points at a writable folder',
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Opens the database for reading only, or returns null when there is none yet. Previews and dry
 * runs use this: they must never create or change state.
 */
export function openStateReadOnly(dir: string = stateDir()): Db | null {
  const file = join(dir, DB_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  if (!hasPendingMigrations(db)) return db;
  // A database from an older version: migrate a copy in memory, so reads see today's schema
  // while the file itself stays untouched until a real command migrates it.
  const image = db.serialize();
  // Bytes 18-19 of the header say "WAL"; an in-memory database cannot use WAL, so mark it rollback.
  image[18] = 1;
  image[19] = 1;
  const copy = new Database(image);
  db.close();
  migrate(copy);
  return copy;
}

function hasPendingMigrations(db: Db): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return true;
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  return migrations.some((m) => !applied.has(m.version));
}

/** Applies numbered migrations not yet applied, each in its own transaction. */
export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    })();
  }
}
