import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { collectFeeds } from '../src/feeds/collect.js';
import { fetchFeed, USER_AGENT } from '../src/feeds/fetch.js';
import { createMemoryLogger } from '../src/log.js';
import { openState } from '../src/store/db.js';
import { contentWith, fixture, rssWith, serve, tempStateDir, xml, type Served } from './fixtures/feeds/harness.js';

let server: Served;
beforeEach(async () => {
  server = await serve();
});
afterEach(async () => {
  await server.close();
});

const TWO_ITEMS = rssWith([
  { title: 'First story', link: 'https://news.example/one', date: 'Tue, 24 Nov 2026 10:00:00 GMT' },
  { title: 'Second story', link: 'https://news.example/two', date: 'Wed, 25 Nov 2026 10:00:00 GMT' },
]);

async function collectOne(feed: Record<string, unknown>, opts: { stateDir?: string; readOnly?: boolean } = {}) {
  const config = contentWith([{ name: 'Test feed', ...feed } as { url: string }]);
  const db = opts.stateDir ? openState(opts.stateDir) : null;
  try {
    const log = createMemoryLogger();
    const result = await collectFeeds(config, { db, readOnly: opts.readOnly ?? false, log, backoffMs: 20 });
    return { ...result, log };
  } finally {
    db?.close();
  }
}

describe('fetching feeds over HTTP', () => {
  it('sends a clear User-Agent and reads the items', async () => {
    server.route('/feed', xml(TWO_ITEMS));
    const r = await collectOne({ url: server.url('/feed') });
    expect(r.failures).toEqual([]);
    expect(r.articles.map((a) => a.title)).toEqual(['Second story', 'First story']);
    expect(server.requests[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^newsletter-digest\/0\.1 /);
  });

  it('fails a feed that answers slower than its timeout, and the other feed still counts', async () => {
    server.route('/slow', (_req, res) => {
      const t = setTimeout(() => res.end(TWO_ITEMS), 2000);
      res.on('close', () => clearTimeout(t));
    });
    server.route('/fast', xml(TWO_ITEMS));
    const config = contentWith([
      { url: server.url('/slow'), name: 'Slow', timeoutMs: 150, retries: 1 },
      { url: server.url('/fast'), name: 'Fast' },
    ]);
    const log = createMemoryLogger();
    const r = await collectFeeds(config, { db: null, readOnly: true, log, backoffMs: 20 });
    expect(r.failures).toEqual([{ feed: 'Slow', reason: 'timed out after 150 ms (after 2 attempts)' }]);
    expect(server.requests.filter((q) => q.path === '/slow')).toHaveLength(2);
    expect(r.articles.map((a) => a.sourceRef)).toEqual(['Fast', 'Fast']);
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('"Slow" failed: timed out'))).toBe(true);
  });

  it('fails on a body that trickles in past the timeout', async () => {
    server.route('/trickle', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const t = setInterval(() => res.write('<!-- still here -->'), 50);
      res.on('close', () => clearInterval(t));
    });
    const r = await collectOne({ url: server.url('/trickle'), timeoutMs: 300, retries: 0 });
    expect(r.failures[0]!.reason).toBe('timed out after 300 ms');
  });

  it('sends If-None-Match and If-Modified-Since on the second run and still yields the items from a 304', async () => {
    const etag = '"v1-abc"';
    const lastModified = 'Wed, 25 Nov 2026 10:00:00 GMT';
    server.route('/feed', xml(TWO_ITEMS, { etag, lastModified }));
    const state = tempStateDir();
    const first = await collectOne({ url: server.url('/feed') }, { stateDir: state });
    expect(first.checks[0]!.status).toBe('ok');
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();

    const second = await collectOne({ url: server.url('/feed') }, { stateDir: state });
    expect(server.requests[1]!.headers['if-none-match']).toBe(etag);
    expect(server.requests[1]!.headers['if-modified-since']).toBe(lastModified);
    expect(second.checks[0]!.status).toBe('not-modified');
    expect(second.checks[0]!.httpStatus).toBe(304);
    expect(second.articles.map((a) => a.url)).toEqual(first.articles.map((a) => a.url));
    expect(second.articles).toHaveLength(2);
  });

  it('uses Last-Modified alone when the server sends no ETag', async () => {
    const lastModified = 'Wed, 25 Nov 2026 10:00:00 GMT';
    server.route('/feed', xml(TWO_ITEMS, { lastModified }));
    const state = tempStateDir();
    await collectOne({ url: server.url('/feed') }, { stateDir: state });
    const second = await collectOne({ url: server.url('/feed') }, { stateDir: state });
    expect(server.requests[1]!.headers['if-modified-since']).toBe(lastModified);
    expect(server.requests[1]!.headers['if-none-match']).toBeUndefined();
    expect(second.checks[0]!.status).toBe('not-modified');
    expect(second.articles).toHaveLength(2);
  });

  it('follows redirects (relative Location too) and resolves relative item links against the final URL', async () => {
    server.route('/old', (_req, res) => void res.writeHead(301, { Location: '/middle' }).end());
    server.route('/middle', (_req, res) => void res.writeHead(302, { Location: server.url('/new/feed.xml') }).end());
    server.route('/new/feed.xml', xml(rssWith([{ title: 'Relative', link: 'story.html', date: 'Tue, 24 Nov 2026 10:00:00 GMT' }])));
    const r = await collectOne({ url: server.url('/old') });
    expect(r.failures).toEqual([]);
    expect(r.articles[0]!.url).toBe(server.url('/new/story.html'));
    expect(server.requests.map((q) => q.path)).toEqual(['/old', '/middle', '/new/feed.xml']);
  });

  it('detects a redirect loop', async () => {
    server.route('/a', (_req, res) => void res.writeHead(302, { Location: '/b' }).end());
    server.route('/b', (_req, res) => void res.writeHead(302, { Location: '/a' }).end());
    const r = await collectOne({ url: server.url('/a') });
    expect(r.failures[0]!.reason).toBe(`redirect loop: ${server.url('/a')} → ${server.url('/b')} → ${server.url('/a')}`);
    expect(server.requests).toHaveLength(2);
  });

  it('stops after five redirects', async () => {
    for (let i = 0; i < 10; i++) server.route(`/r${i}`, (_req, res) => void res.writeHead(307, { Location: `/r${i + 1}` }).end());
    const r = await collectOne({ url: server.url('/r0') });
    expect(r.failures[0]!.reason).toMatch(/^too many redirects \(more than 5\)/);
    expect(server.requests).toHaveLength(6);
  });

  it('reports a 404 by status, without retrying', async () => {
    const r = await collectOne({ url: server.url('/missing') });
    expect(r.failures).toEqual([{ feed: 'Test feed', reason: 'HTTP 404 Not Found' }]);
    expect(r.checks[0]!.httpStatus).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 with backoff and succeeds on the next attempt', async () => {
    let calls = 0;
    server.route('/flaky', (req, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(500).end('oops');
      xml(TWO_ITEMS)(req, res);
    });
    const r = await collectOne({ url: server.url('/flaky'), retries: 2 });
    expect(r.failures).toEqual([]);
    expect(calls).toBe(2);
    expect(r.articles).toHaveLength(2);
  });

  it('gives up on a 500 after its retries', async () => {
    server.route('/down', (_req, res) => void res.writeHead(500).end());
    const r = await collectOne({ url: server.url('/down'), retries: 2 });
    expect(r.failures[0]!.reason).toBe('HTTP 500 Internal Server Error (after 3 attempts)');
    expect(server.requests).toHaveLength(3);
  });

  it('says so when the URL gives an HTML page', async () => {
    server.route('/page', xml('<!DOCTYPE html>\n<html><head><title>Blog</title></head><body><p>Welcome</p></body></html>', { type: 'text/html' }));
    server.route('/moved', xml(fixture('unrecognized.rss'), { type: 'text/html' }));
    const page = await collectOne({ url: server.url('/page') });
    expect(page.failures[0]!.reason).toMatch(/^not a feed: got an HTML page/);
    const moved = await collectOne({ url: server.url('/moved') });
    expect(moved.failures[0]!.reason).toMatch(/^(not a feed: got an HTML page|malformed XML|not an RSS or Atom feed)/);
  });

  it('says so when the XML is cut off', async () => {
    const whole = TWO_ITEMS;
    server.route('/truncated', xml(whole.slice(0, Math.floor(whole.length * 0.6))));
    const r = await collectOne({ url: server.url('/truncated') });
    expect(r.failures[0]!.reason).toMatch(/^malformed XML: /);
    expect(r.articles).toEqual([]);
  });

  it('aborts a response far over the size cap, declared or streamed', async () => {
    const huge = 'x'.repeat(64 * 1024);
    server.route('/declared', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': String(50 * 1024 * 1024) });
      res.write('<rss>');
    });
    server.route('/streamed', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      let sent = 0;
      const push = () => {
        while (sent < 200 && res.write(`<!-- ${huge} -->`)) sent++;
        if (sent < 200) res.once('drain', push);
        else res.end();
      };
      push();
    });
    const declared = await collectOne({ url: server.url('/declared'), maxBytes: 1024 * 1024 });
    expect(declared.failures[0]!.reason).toBe('the response is 50.0 MB, over the limit of 1.0 MB (maxBytes)');
    const streamed = await collectOne({ url: server.url('/streamed'), maxBytes: 1024 * 1024 });
    expect(streamed.failures[0]!.reason).toBe('the response is over the limit of 1.0 MB (maxBytes)');
  });

  it('counts the size cap after decompression', async () => {
    const bomb = gzipSync(Buffer.from(`<rss version="2.0"><channel><!-- ${'0'.repeat(3 * 1024 * 1024)} --></channel></rss>`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    server.route('/bomb', (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' }).end(bomb));
    server.route('/gz', (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' }).end(gzipSync(TWO_ITEMS)));
    const r = await collectOne({ url: server.url('/bomb'), maxBytes: 1024 * 1024 });
    expect(r.failures[0]!.reason).toBe('the response is over the limit of 1.0 MB (maxBytes)');
    const ok = await collectOne({ url: server.url('/gz') });
    expect(ok.articles.map((a) => a.title)).toEqual(['Second story', 'First story']);
  });

  it('decodes ISO-8859-1 from the XML declaration', async () => {
    server.route('/latin', xml(fixture('encoding.rss'), { type: 'application/rss+xml' }));
    const r = await collectOne({ url: server.url('/latin'), maxItems: 100 });
    expect(r.failures).toEqual([]);
    const titles = r.articles.map((a) => a.title);
    expect(titles).toContain('Mãe de utente é a nova presidente da Raríssimas');
    expect(titles).toContain('Reações dos partidos ao veto de Marcelo');
    expect(r.checks[0]!.name).toBe('Test feed');
    expect(r.articles[0]!.text).not.toMatch(/\uFFFD/);
  });

  it('decodes ISO-8859-1 from the HTTP charset when the XML declaration names none', async () => {
    server.route('/latin', xml(fixture('latin1-nodecl.xml'), { type: 'text/xml; charset=ISO-8859-1' }));
    const r = await collectOne({ url: server.url('/latin') });
    expect(r.articles[0]!.title).toBe('Résumé of the naïve Ångström');
    expect(r.articles[0]!.summary).toBe('São Paulo');
  });

  it('reads a local file without HTTP', async () => {
    const r = await fetchFeed({ kind: 'file', path: new URL('./fixtures/feeds/rss-091.rss', import.meta.url).pathname }, { timeoutMs: 1000, maxBytes: 1e6, retries: 0 });
    expect(r.notModified).toBe(false);
    expect(r.notModified === false && r.text).toContain('Old Style Wire');
  });
});
