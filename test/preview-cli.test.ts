import { describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { BIN, ROOT, runCli, tempDir } from './helpers/cli.js';
import { copySampleContent } from './helpers/content.js';

/** Starts `digest preview` and resolves with the URL it prints on stderr. */
function startCli(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, 'preview', ...args], { cwd: ROOT, env: { ...process.env, DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.on('close', () => reject(new Error(`digest preview exited before printing its URL:\n${stderr}`)));
  });
  return { child, url, exited, output: () => ({ stderr, stdout }) };
}

/** fetch() will not send a Host header of our choosing; node:http will. */
function statusWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end();
  });
}

describe('digest preview (command line)', () => {
  test('prints its URL on stderr, serves the page and the email, and stops cleanly on Ctrl-C', async () => {
    const stateDir = tempDir('digest-state-');
    const run = startCli(['--port', '0', '--content', copySampleContent()], { DIGEST_STATE_DIR: stateDir });
    try {
      const url = await run.url;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<iframe id="phone"');
      const email = await fetch(new URL('/email.html', url));
      expect(email.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await email.text()).toContain('Hi Alex Reader');
      // Another site's name pointed at 127.0.0.1 must not read the unpublished issue.
      expect(await statusWithHost(url, 'attacker.example')).toBe(403);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toBe('');
    expect(readdirSync(stateDir)).toEqual([]);
  });

  test('--screenshot without chromium exits 2 and says how to install it', async () => {
    const out = tempDir('digest-out-');
    const r = await runCli(['preview', '--screenshot', '--chromium', '/nonexistent/chromium', '--content', copySampleContent(), '--out', out], {
      env: { DIGEST_STATE_DIR: tempDir('digest-state-') },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/chromium is not installed \(looked for \/nonexistent\/chromium\)/);
    expect(r.stderr).toMatch(/apt-get install chromium/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });

  test('a bad --port is a user error', async () => {
    const r = await runCli(['preview', '--port', 'eighty', '--content', copySampleContent()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--port must be a number/);
  });
});
