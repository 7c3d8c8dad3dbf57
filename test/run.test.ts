import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, runCli, tempDir } from './helpers/cli.js';
import { minimalContent, writeArticle } from './helpers/content.js';
import { csv, SECRET, startSink, type Sink } from './fixtures/send/helpers.js';

/**
 * `digest run` as cron runs it: a child process, a real SMTP server, a real SQLite file, and
 * content whose articles fall in the window of the --date given.
 */
let root: string;
let sink: Sink | undefined;

afterEach(async () => {
  await sink?.close();
  sink = undefined;
  rmSync(root, { recursive: true, force: true });
});

function setup(sending = '', articles = 3): { content: string; out: string; env: NodeJS.ProcessEnv } {
  root = tempDir('digest-run-');
  const content = minimalContent(`issue:
  minArticles: 2
  sendDeadlineHours: 48
sending:
  rate: 0
  maxConnections: 3
  maxAttempts: 3
  retryBaseSeconds: 0.2
  socketTimeoutSeconds: 2
${sending}`);
  for (let i = 1; i <= articles; i++) {
    writeArticle(content, `a${i}.md`, `title: Story ${i}\nurl: https://news.example/story-${i}\nsource: Example\npublished: 2026-11-2${i}\nsection: news`, `“This is what story ${i} is about, and it matters,” said Jane Doe.`);
  }
  return { content, out: join(root, 'out'), env: { DIGEST_STATE_DIR: join(root, 'state'), DIGEST_SECRET: SECRET } };
}

const run = (w: ReturnType<typeof setup>, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['run', '--content', w.content, '--out', w.out, ...args], { env: { ...w.env, ...env }, cwd: root });

function start(w: ReturnType<typeof setup>, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { exited: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'run', '--content', w.content, '--out', w.out, ...args], { cwd: root, env: { ...process.env, DEBUG: '', ...w.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.stdout!.resume();
  return Object.assign(child, { exited: new Promise<number | null>((r) => child.on('close', r)), stderr: () => err });
}

async function subscribe(w: ReturnType<typeof setup>, n: number): Promise<void> {
  const file = join(root, 'subs.csv');
  writeFileSync(file, csv(n));
  const r = await runCli(['subscribers', 'import', file], { env: w.env, cwd: root });
  expect(r.code, r.stderr).toBe(0);
}

function query<T>(w: ReturnType<typeof setup>, sql: string): T[] {
  const db = new Database(join(w.env.DIGEST_STATE_DIR!, 'digest.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('digest run', () => {
  it('builds and sends the issue, then has nothing new to do (exit 3), at any frequency', async () => {
    const w = setup();
    sink = await startSink();
    await subscribe(w, 5);
    const env = { SMTP_URL: sink.url };

    const first = await run(w, ['--date', '2026-11-23'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(sink.received).toHaveLength(5);
    // Under cron (no terminal) every line carries a timestamp.
    for (const line of first.stderr.trim().split('\n').filter((l) => !l.startsWith(' '))) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);

    const again = await run(w, ['--date', '2026-11-23'], env);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/nothing to send: issue #1 \(2026-11-23\) was already sent/);

    const nextDay = await run(w, ['--date', '2026-11-24'], env);
    expect(nextDay.code).toBe(3);
    expect(nextDay.stderr).toMatch(/nothing to send/);
    expect(nextDay.stderr.trim().split('\n').filter((l) => /nothing to send/.test(l))).toHaveLength(1);
    expect(sink.received).toHaveLength(5);
  });

  it('marks stories used only after a real send; build and dry runs leave them', async () => {
    const w = setup();
    sink = await startSink();
    await subscribe(w, 2);
    const build = await runCli(['build', '--content', w.content, '--out', w.out, '--date', '2026-11-23'], { env: w.env, cwd: root });
    expect(build.code, build.stderr).toBe(0);
    const dry = await runCli(['send', '--dry-run', '--content', w.content, '--out', w.out], { env: w.env, cwd: root });
    expect(dry.code, dry.stderr).toBe(0);
    expect(query(w, 'SELECT key FROM feed_items_used')).toEqual([]);

    const r = await run(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    expect(r.code, r.stderr).toBe(0);
    const used = query<{ key: string; issue_slug: string }>(w, 'SELECT key, issue_slug FROM feed_items_used ORDER BY key');
    expect(used.map((u) => u.issue_slug)).toEqual(['2026-11-23', '2026-11-23', '2026-11-23']);
    expect(used.map((u) => u.key).join(' ')).toMatch(/news\.example\/story-1/);
  });

  it('a new story later makes a new issue with only the new stories', async () => {
    const w = setup('', 2);
    sink = await startSink();
    await subscribe(w, 1);
    expect((await run(w, ['--date', '2026-11-22'], { SMTP_URL: sink.url })).code).toBe(0);
    writeArticle(w.content, 'b1.md', 'title: Fresh one\nurl: https://news.example/fresh-1\nsource: Example\npublished: 2026-11-24\nsection: news');
    writeArticle(w.content, 'b2.md', 'title: Fresh two\nurl: https://news.example/fresh-2\nsource: Example\npublished: 2026-11-24\nsection: news');
    const r = await run(w, ['--date', '2026-11-24'], { SMTP_URL: sink.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/built issue #2 \(2026-11-24\)/);
    const second = await sink.parse(sink.received[1]!);
    expect(second.html).toContain('Fresh one');
    expect(second.html).not.toContain('Story 1');
  });

  it('two runs at once: the second exits 4 and names the holder', async () => {
    const w = setup();
    sink = await startSink();
    await subscribe(w, 200);
    const first = start(w, ['--date', '2026-11-23', '--rate', '20'], { SMTP_URL: sink.url });
    await sink.waitFor(3);
    const second = await run(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another run holds the lock "run" \(pid \d+ on .*, digest run, since /);
    first.kill('SIGTERM');
    await first.exited;
  });

  it('takes over a lock left by a dead process, with a message', async () => {
    const w = setup();
    sink = await startSink();
    await subscribe(w, 2);
    // Create the database, then plant the lock of a process that has exited.
    expect((await runCli(['subscribers', 'count'], { env: w.env, cwd: root })).code).toBe(0);
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const db = new Database(join(w.env.DIGEST_STATE_DIR!, 'digest.sqlite'));
    db.prepare('INSERT INTO locks (name, pid, host, started_at, purpose) VALUES (?, ?, ?, ?, ?)').run('run', dead.pid, (await import('node:os')).hostname(), '2026-11-20T00:00:00.000Z', 'digest run');
    db.close();
    const r = await run(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`took over the lock of a run that is gone \\(pid ${dead.pid} `));
    expect(sink.received).toHaveLength(2);
  });

  it('a crash mid-send is resumed by the next run, duplicates within the in-flight bound', async () => {
    const w = setup('  maxInFlight: 8\n');
    sink = await startSink();
    const N = 1200;
    await subscribe(w, N);
    const first = start(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    await sink.waitFor(200);
    first.kill('SIGKILL');
    await first.exited;
    const r = await run(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming issue #1 \(2026-11-23\), whose send did not finish/);
    const copies = new Map<string, number>();
    for (const m of sink.received) copies.set(m.to[0]!, (copies.get(m.to[0]!) ?? 0) + 1);
    for (let i = 0; i < N; i++) expect(copies.get(`user${i}@example.com`) ?? 0, `user${i}`).toBeGreaterThanOrEqual(1);
    expect(sink.received.length - N).toBeLessThanOrEqual(8);
    expect(query(w, "SELECT count(*) AS n FROM deliveries WHERE status = 'sent'")).toEqual([{ n: N }]);
  });

  it('an issue past its send deadline is not sent stale: reported, exit 2', async () => {
    const w = setup();
    sink = await startSink();
    await subscribe(w, 400);
    const first = start(w, ['--date', '2026-11-23', '--rate', '50'], { SMTP_URL: sink.url });
    await sink.waitFor(20);
    first.kill('SIGKILL');
    await first.exited;
    // The send began three days ago, as after a weekend with the mail server down.
    const db = new Database(join(w.env.DIGEST_STATE_DIR!, 'digest.sqlite'));
    db.prepare("UPDATE issues SET send_started_at = '2026-11-20T08:00:00.000Z', built_at = '2026-11-20T08:00:00.000Z'").run();
    db.close();
    const receivedBefore = sink.received.length;
    const r = await run(w, ['--date', '2026-11-23'], { SMTP_URL: sink.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/issue #1 \(2026-11-23\) was not sent in time: it is \d+ hours late, past the send deadline of 48 hours/);
    expect(sink.received.length).toBe(receivedBefore);
    expect(query(w, 'SELECT abandoned_reason IS NOT NULL AS abandoned FROM issues')).toEqual([{ abandoned: 1 }]);
  });

  it('--log json writes one JSON object per line', async () => {
    const w = setup();
    const r = await run(w, ['--date', '2026-11-23', '--log', 'json'], { SMTP_URL: 'smtp://127.0.0.1:1?ignoreTLS=true' });
    const lines = r.stderr.trim().split('\n').filter(Boolean);
    const parsed = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { time: string; level: string; message: string });
    expect(parsed.length).toBeGreaterThan(0);
    for (const p of parsed) expect(p.time).toMatch(/^\d{4}-/);
    expect(parsed.some((p) => p.message.startsWith('built issue #1'))).toBe(true);
  });
});
