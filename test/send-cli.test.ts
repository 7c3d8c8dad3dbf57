import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import Database from 'better-sqlite3';
import { BIN, ROOT, runCli } from './helpers/cli.js';
import { csv, SLUG, startSink, workspace, type Sink, type Workspace } from './fixtures/send/helpers.js';

let ws: Workspace;
let sink: Sink | undefined;

afterEach(async () => {
  await sink?.close();
  sink = undefined;
  ws?.cleanup();
});

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('run "npx tsc -p tsconfig.json" first (npm test does it in pretest)');
});

const paths = (): string[] => ['--content', ws.contentDir, '--out', ws.outDir];

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, { env: { ...ws.env, ...env }, cwd: ws.root });
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess & { stderrText: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ws.root, env: { ...process.env, DEBUG: '', ...ws.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return Object.assign(child, { stderrText: () => stderr, exited });
}

async function importCsv(text: string): Promise<void> {
  const file = join(ws.root, 'subs.csv');
  writeFileSync(file, text);
  const r = await cli(['subscribers', 'import', file]);
  expect(r.code, r.stderr).toBe(0);
}

function ledger(): { status: string; n: number }[] {
  const db = new Database(join(ws.stateDir, 'digest.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
  } finally {
    db.close();
  }
}

describe('digest send (command line)', () => {
  it('crash and resume: everyone gets a copy, duplicates stay within the in-flight window', async () => {
    ws = workspace('  maxInFlight: 8\n');
    sink = await startSink();
    const N = 1500;
    await importCsv(csv(N));
    const env = { SMTP_URL: sink.url };
    // Unpaced, so the window is really full of messages on the wire when the kill lands.
    const first = start(['send', '--rate', '0', ...paths()], env);
    await sink.waitFor(300);
    first.kill('SIGKILL');
    await first.exited;
    const beforeResume = sink.received.length;
    const stuck = ledger().find((r) => r.status === 'sending')?.n ?? 0;

    const second = await cli(['send', ...paths()], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/took over the send lock of a run that is gone \(pid \d+/);

    const copies = new Map<string, number>();
    for (const r of sink.received) copies.set(r.to[0]!, (copies.get(r.to[0]!) ?? 0) + 1);
    for (let i = 0; i < N; i++) expect(copies.get(`user${i}@example.com`) ?? 0, `user${i}`).toBeGreaterThanOrEqual(1);
    const duplicates = sink.received.length - N;
    console.log(`crash test: killed after ${beforeResume} received, ${stuck} rows left in "sending", ${duplicates} duplicate(s) after resume (bound 8)`);
    expect(duplicates).toBeLessThanOrEqual(8);
    expect(duplicates).toBeLessThanOrEqual(stuck);
    expect(ledger()).toEqual([{ status: 'sent', n: N }]);
  });

  it('a second send of the same issue exits 4 and names the holder', async () => {
    ws = workspace();
    sink = await startSink();
    await importCsv(csv(60));
    const env = { SMTP_URL: sink.url };
    const first = start(['send', '--rate', '20', ...paths()], env);
    await sink.waitFor(2);
    const second = await cli(['send', ...paths()], env);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(new RegExp(`another run holds the lock "send:${SLUG}" \\(pid ${first.pid} on .+, digest send ${SLUG}, since \\d{4}-`));
    expect(await first.exited).toBe(0);
    expect(sink.received).toHaveLength(60);
  });

  it('a wrong SMTP password stops with exit 2 and marks no row sent', async () => {
    ws = workspace();
    sink = await startSink({ auth: { user: 'digest', pass: 'right' } });
    await importCsv(csv(5));
    const r = await cli(['send', ...paths()], { SMTP_URL: sink.url.replace(':right@', ':wrong@') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the SMTP server refused the login/);
    expect(r.stderr).toMatch(/hint: check the user and password in SMTP_URL/);
    expect(r.stderr).not.toContain('wrong');
    expect(ledger().filter((x) => x.status === 'sent')).toEqual([]);
    expect(sink.received).toHaveLength(0);

    const ok = await cli(['send', ...paths()], { SMTP_URL: sink.url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(sink.received).toHaveLength(5);
  });

  it('an unreachable server stops with exit 2', async () => {
    ws = workspace();
    await importCsv(csv(2));
    const r = await cli(['send', ...paths()], { SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot reach the SMTP server/);
  });

  it('without DIGEST_SECRET a send is a user error with a hint', async () => {
    ws = workspace();
    const r = await cli(['send', ...paths()], { DIGEST_SECRET: '', SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DIGEST_SECRET is not set[\s\S]*hint: /);
  });

  it('--dry-run writes .eml files for the first N and changes no state', async () => {
    ws = workspace();
    await importCsv(csv(10));
    const dbFile = join(ws.stateDir, 'digest.sqlite');
    const before = readFileSync(dbFile);
    const mtime = statSync(dbFile).mtimeMs;
    const r = await cli(['send', '--dry-run', '--limit', '4', ...paths()], { DIGEST_SECRET: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/fake key/);
    const dir = join(ws.outDir, SLUG, 'dry-run');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['001-user0@example.com.eml', '002-user1@example.com.eml', '003-user2@example.com.eml', '004-user3@example.com.eml']);
    const mail = await simpleParser(readFileSync(join(dir, files[1]!)));
    expect(mail.text).toContain('Hi User 1,');
    expect(readFileSync(join(dir, files[1]!), 'utf8')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(readFileSync(dbFile).equals(before)).toBe(true);
    expect(statSync(dbFile).mtimeMs).toBe(mtime);
    expect(ledger()).toEqual([]);
  });

  it('--to sends one [TEST] copy outside the ledger', async () => {
    ws = workspace();
    sink = await startSink();
    await importCsv(csv(3));
    const r = await cli(['send', '--to', 'user1@example.com', ...paths()], { SMTP_URL: sink.url });
    expect(r.code, r.stderr).toBe(0);
    expect(sink.received).toHaveLength(1);
    const mail = await simpleParser(sink.received[0]!.raw);
    expect(mail.subject).toBe('[TEST] Signal & Noise #7: Café talks, “quotes” and more');
    expect(mail.text).toContain('Hi User 1,');
    expect(mail.messageId).toMatch(/-test[a-z0-9]+\.\d+\./);
    expect(ledger()).toEqual([]);
  });
});
