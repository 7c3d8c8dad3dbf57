import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { openState, type Db } from '../src/store/db.js';
import { countSubscribers, findSubscriber, importSubscribers, iterateSubscribers, removeSubscriber, setSubscriberStatus } from '../src/store/subscribers.js';
import { DigestError } from '../src/errors.js';
import { runCli } from './helpers/cli.js';

const MIXED = resolve(import.meta.dirname, 'fixtures/send/csv/mixed.csv');
let dir: string;
let db: Db;

afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(): Db {
  dir = mkdtempSync(join(tmpdir(), 'digest-subs-'));
  db = openState(join(dir, 'state'));
  return db;
}

describe('subscribers import', () => {
  it('reports each bad row with its line and reason, imports the rest, dedupes case-insensitively', async () => {
    fresh();
    const report = await importSubscribers(db, MIXED);
    expect(report.problems).toEqual([
      { line: 3, message: '"bob@example" is not an email address' },
      { line: 4, message: 'the email is empty' },
      { line: 7, message: 'expected 4 columns, found 3' },
      { line: 8, message: expect.stringMatching(/^cannot parse the row: .*quote/i) },
    ]);
    expect(report).toMatchObject({ rows: 6, added: 2, duplicates: 1, invalid: 4 });
    expect([...iterateSubscribers(db)].map((s) => [s.email, s.name, s.fields])).toEqual([
      ['ada@example.com', 'Ada L.', { city: 'London', plan: 'pro' }],
      ['carol@example.com', 'Carol "CJ" Jones', { city: 'Berlin' }],
    ]);
  });

  it('a re-import never resubscribes someone who unsubscribed or bounced', async () => {
    fresh();
    await importSubscribers(db, Readable.from(['email,name\na@example.com,A\nb@example.com,B\nc@example.com,C\n']));
    setSubscriberStatus(db, 'A@EXAMPLE.COM', 'unsubscribed');
    setSubscriberStatus(db, 'b@example.com', 'bounced');
    const again = await importSubscribers(db, Readable.from(['email,name\nA@example.com,Anne\nb@example.com,B\nc@example.com,C\nd@example.com,D\n']));
    expect(again).toMatchObject({ added: 1, updated: 1, invalid: 0 });
    expect(findSubscriber(db, 'a@example.com')).toMatchObject({ status: 'unsubscribed', name: 'Anne' });
    expect(findSubscriber(db, 'b@example.com')!.status).toBe('bounced');
    expect(countSubscribers(db)).toEqual({ active: 2, unsubscribed: 1, bounced: 1, total: 4 });
    expect(removeSubscriber(db, 'B@example.com')).toBe(true);
    expect(countSubscribers(db).total).toBe(3);
  });

  it('names are flattened to one line; a file without an email column is refused with its line', async () => {
    fresh();
    await importSubscribers(db, Readable.from(['email,name\nx@example.com,"Evil\r\nBcc: v@example.com"\n']));
    expect(findSubscriber(db, 'x@example.com')!.name).toBe('Evil Bcc: v@example.com');
    const err = await importSubscribers(db, Readable.from(['mail,name\nx@example.com,X\n'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect(err).toMatchObject({ line: 1, message: expect.stringContaining('no "email" column') });
  });
});

describe('digest subscribers (command line)', () => {
  it('import, count, list, unsubscribe, remove', async () => {
    fresh();
    const env = { DIGEST_STATE_DIR: join(dir, 'cli-state') };
    const imp = await runCli(['subscribers', 'import', MIXED], { env, cwd: dir });
    expect(imp.code).toBe(0);
    expect(imp.stderr).toContain(`${MIXED}:3: "bob@example" is not an email address`);
    expect(imp.stderr).toMatch(/6 rows: 2 added, 1 updated, 1 repeated in the file, 4 invalid/);
    expect((await runCli(['subscribers', 'unsubscribe', 'ADA@example.com'], { env, cwd: dir })).code).toBe(0);
    const count = await runCli(['subscribers', 'count', '--json'], { env, cwd: dir });
    expect(JSON.parse(count.stdout)).toEqual({ active: 1, unsubscribed: 1, bounced: 0, total: 2 });
    const list = await runCli(['subscribers', 'list', '--status', 'active', '--json'], { env, cwd: dir });
    expect(list.stdout.trim().split('\n').map((l) => JSON.parse(l).email)).toEqual(['carol@example.com']);
    expect((await runCli(['subscribers', 'remove', 'carol@example.com'], { env, cwd: dir })).code).toBe(0);
    const missing = await runCli(['subscribers', 'remove', 'carol@example.com'], { env, cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no subscriber carol@example.com');
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await runCli(['subscribers', 'import', join(dir, 'empty.csv')], { env, cwd: dir })).code).toBe(1);
  });
});
