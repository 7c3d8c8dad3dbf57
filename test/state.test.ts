import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrations } from '../src/store/migrations/index.js';
import { openState, openStateReadOnly } from '../src/store/db.js';
import { runCli, tempDir } from './helpers/cli.js';

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A state database as an older version of digest left it: only the first migrations applied. */
function oldDatabase(applied: number): string {
  const dir = tempDir('digest-state-');
  const db = new Database(join(dir, 'digest.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (const m of migrations.slice(0, applied)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.version, '2026-01-01T00:00:00Z');
  }
  db.close();
  return dir;
}

describe('the state database', () => {
  it('migrates on a normal open', () => {
    const dir = oldDatabase(3);
    const db = openState(dir);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it('a read-only open of an older database sees the new schema and leaves the file alone', () => {
    const dir = oldDatabase(3);
    const before = hash(join(dir, 'digest.sqlite'));
    const db = openStateReadOnly(dir)!;
    expect(db.prepare('SELECT abandoned_at FROM issues').all()).toEqual([]);
    db.close();
    expect(hash(join(dir, 'digest.sqlite'))).toBe(before);
  });

  it('build --dry-run on an older database works and writes nothing to it', async () => {
    const dir = oldDatabase(3);
    const before = hash(join(dir, 'digest.sqlite'));
    const r = await runCli(['build', '--date', 'latest', '--dry-run', '--out', tempDir('digest-out-')], { env: { DIGEST_STATE_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    expect(hash(join(dir, 'digest.sqlite'))).toBe(before);
  });
});
