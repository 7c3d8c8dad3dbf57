import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startServe, type RunningServer } from '../src/serve/server.js';
import { openState, type Db } from '../src/store/db.js';
import { importSubscribers, findSubscriber } from '../src/store/subscribers.js';
import { signToken } from '../src/deliver/unsubscribe-token.js';
import { createMemoryLogger } from '../src/log.js';
import { tempDir } from './helpers/cli.js';
import { launchBrowser } from './helpers/browser.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
let db: Db;
let server: RunningServer;
let outDir: string;

const status = (email: string) => findSubscriber(db, email)!.status;
const tokenFor = (email: string) => signToken({ subscriberId: findSubscriber(db, email)!.id, issue: '2026-11-26' }, SECRET);

beforeAll(async () => {
  db = openState(tempDir('digest-state-'));
  await importSubscribers(db, Readable.from(['email,name\n', 'ann@example.com,Ann\n', 'bob@example.com,Bob\n', 'cat@example.com,Cat\n', 'dan@example.com,Dan\n', 'eve@example.com,Eve\n']));
  outDir = tempDir('digest-out-');
  mkdirSync(join(outDir, '2026-11-26'));
  writeFileSync(join(outDir, 'index.html'), '<h1>Archive</h1>');
  writeFileSync(join(outDir, '2026-11-26', 'web.html'), '<h1>Issue one</h1>');
  writeFileSync(join(outDir, '2026-11-26', 'email.html'), '%%unsubscribe_url%%');
  writeFileSync(join(outDir, '2026-11-26', 'issue.json'), '{}');
  server = await startServe({ outDir, db, secret: SECRET, newsletterName: 'Test Weekly', basePath: '/digest/', log: createMemoryLogger() });
});

afterAll(async () => {
  await server.close();
  db.close();
});

describe('the unsubscribe endpoint', () => {
  it('binds to 127.0.0.1 and shows a confirm page on GET without changing anything', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/digest\/$/);
    const res = await fetch(`${server.url}unsubscribe?token=${tokenFor('ann@example.com')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(status('ann@example.com')).toBe('active');
  });

  it('one-click POST, urlencoded: 200, no redirect, unsubscribed at once', async () => {
    const res = await fetch(`${server.url}unsubscribe?token=${tokenFor('bob@example.com')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(status('bob@example.com')).toBe('unsubscribed');
    expect(findSubscriber(db, 'bob@example.com')!.statusReason).toBe('one-click');
  });

  it('one-click POST, multipart/form-data: 200 and unsubscribed', async () => {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const res = await fetch(`${server.url}unsubscribe?token=${tokenFor('cat@example.com')}`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(status('cat@example.com')).toBe('unsubscribed');
    expect(findSubscriber(db, 'cat@example.com')!.statusReason).toBe('one-click');
  });

  it('works without the base path too, as behind a proxy that strips it', async () => {
    const root = server.url.replace(/digest\/$/, '');
    const res = await fetch(`${root}unsubscribe?token=${tokenFor('dan@example.com')}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(status('dan@example.com')).toBe('unsubscribed');
  });

  it('unsubscribing twice is fine', async () => {
    const url = `${server.url}unsubscribe?token=${tokenFor('bob@example.com')}`;
    const res = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('already unsubscribed');
  });

  it('a forged, tampered or malformed token answers 400 and changes nothing', async () => {
    const good = tokenFor('eve@example.com');
    const forged = signToken({ subscriberId: findSubscriber(db, 'eve@example.com')!.id }, 'some-other-secret-0123456789abcdef');
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    for (const token of [forged, tampered, 'garbage', '', 'a.b.c']) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${server.url}unsubscribe?token=${encodeURIComponent(token)}`, { method, ...(method === 'POST' ? { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
        expect(res.status, `${method} ${token}`).toBe(400);
      }
    }
    expect(status('eve@example.com')).toBe('active');
  });

  it('an expired token answers 400', async () => {
    const expired = signToken({ subscriberId: findSubscriber(db, 'eve@example.com')!.id, expiresAt: Math.floor(Date.now() / 1000) - 60 }, SECRET);
    const res = await fetch(`${server.url}unsubscribe?token=${expired}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    expect(status('eve@example.com')).toBe('active');
  });
});

describe('the web archive', () => {
  it('serves the index and the public pages', async () => {
    expect(await (await fetch(server.url)).text()).toBe('<h1>Archive</h1>');
    const web = await fetch(`${server.url}2026-11-26/web.html`);
    expect(web.status).toBe(200);
    expect(web.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await web.text()).toBe('<h1>Issue one</h1>');
  });

  it('never serves the personalisable email, issue.json or files outside out/', async () => {
    for (const path of ['2026-11-26/email.html', '2026-11-26/issue.json', '..%2F..%2Fetc%2Fpasswd', '%2e%2e/%2e%2e/etc/passwd', 'missing.html']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });
});

describe('in a browser', () => {
  it('clicking the confirm button unsubscribes the reader', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}unsubscribe?token=${tokenFor('eve@example.com')}`);
      expect(status('eve@example.com')).toBe('active');
      await page.click('#confirm');
      await page.waitForSelector('#done');
      expect(await page.textContent('#done')).toBe('You are unsubscribed');
      expect(status('eve@example.com')).toBe('unsubscribed');
    } finally {
      await browser.close();
    }
  });
});
