import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { checkFeedSections, feedsSchema } from '../src/config/feeds-schema.js';
import { loadConfig } from '../src/config/load.js';
import { DigestError } from '../src/errors.js';
import { allFeedsFailed, collectFeeds, readPicks } from '../src/feeds/collect.js';
import { registerFeeds } from '../src/cli/feeds.js';
import { createMemoryLogger } from '../src/log.js';
import { contentWith, rssWith, serve, xml, type Served } from './fixtures/feeds/harness.js';

let server: Served;
beforeAll(async () => {
  server = await serve();
  server.route(
    '/feed',
    xml(
      rssWith([
        { title: 'New AI rules for hospitals', link: 'https://n.example/ai', date: 'Tue, 24 Nov 2026 10:00:00 GMT' },
        { title: 'Rainfall records broken', link: 'https://n.example/rain', date: 'Tue, 24 Nov 2026 09:00:00 GMT', description: 'The minister said the data were clear.' },
        { title: 'Crypto exchange fined', link: 'https://n.example/crypto', date: 'Tue, 24 Nov 2026 08:00:00 GMT' },
      ]),
    ),
  );
});
afterAll(async () => {
  await server.close();
});

describe('the feeds settings', () => {
  it('fills every default', () => {
    expect(feedsSchema.parse([{ url: 'https://x.example/feed', section: 'science' }])).toEqual([
      { url: 'https://x.example/feed', section: 'science', maxItems: 5, include: [], exclude: [], picksOnly: false, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, retries: 2 },
    ]);
  });

  it('refuses unknown keys and non-http schemes, with the line in newsletter.yaml', () => {
    expect(() => contentWith([{ url: 'https://x.example/feed', maxitems: 3 }])).toThrow(DigestError);
    expect(feedsSchema.safeParse([{ url: 'ftp://x.example/feed', section: 'science' }]).success).toBe(false);
    expect(feedsSchema.safeParse([{ url: 'javascript:alert(1)', section: 'science' }]).success).toBe(false);
    expect(feedsSchema.safeParse([{ url: 'feeds/local.xml', section: 'science' }]).success).toBe(true);
    try {
      contentWith([{ url: 'https://x.example/feed', maxitems: 3 }]);
    } catch (err) {
      expect((err as DigestError).file).toMatch(/newsletter\.yaml$/);
      expect((err as DigestError).line).toBe(14); // the feeds: line; the harness writes the list in flow style
      expect((err as DigestError).message).toMatch(/maxitems/);
    }
  });

  it('checkFeedSections names feeds with unknown sections and duplicate names', () => {
    const feeds = feedsSchema.parse([
      { url: 'https://a.example/f', name: 'A', section: 'sport' },
      { url: 'https://b.example/f', name: 'A', section: 'science' },
    ]);
    expect(checkFeedSections(feeds, ['science', 'policy'], (p) => (p[1] as number) + 10)).toEqual([
      { line: 10, message: 'feed "A": section "sport" is not one of the sections', hint: 'use one of: science, policy' },
      { line: 11, message: 'feed name "A" is used twice', hint: 'give each feed its own name' },
    ]);
  });

  it('the sample newsletter.yaml lists the offline Lab Notes feed, and it collects', async () => {
    const config = loadConfig('content');
    expect(checkFeedSections(config.newsletter.feeds, config.newsletter.sections.map((s) => s.id))).toEqual([]);
    // The sample takes one item per issue (Gmail's clipping budget); look at all five here.
    config.newsletter.feeds[0]!.maxItems = 10;
    const r = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger(), now: new Date('2026-11-28T00:00:00Z') });
    expect(r.failures).toEqual([]);
    expect(r.checks[0]).toMatchObject({ name: 'Lab Notes', items: 5 });
    const junk = r.articles.find((a) => a.url.includes('accelerator-energy'))!;
    expect(junk.url).toBe('https://lab-notes.example/2026/11/22/ai-accelerator-energy-benchmark#comments');
    expect(`${junk.summary} ${junk.text}`).not.toMatch(/script|onerror|javascript|iframe|evil|alert|display/i);
    expect(junk.text).toContain('"Buyers have been comparing top speeds while paying for electricity," said Mei-Ling Zhou');
    const noGuid = r.articles.find((a) => a.title.startsWith('Deep-sea survey'))!;
    expect(noGuid.feedItem!.guid).toBeUndefined();
    expect(r.articles.find((a) => a.title.startsWith('Perovskite'))!.url).toBe('https://lab-notes.example/2026/11/26/perovskite-tandem-desert-test');
  });
});

describe('include, exclude and picks', () => {
  const collect = async (feed: Record<string, unknown>, picks?: string, extra?: ReadonlySet<string>) => {
    const config = contentWith([{ url: server.url('/feed'), name: 'N', ...feed }], { picks });
    return collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger(), picks: extra });
  };

  it('include keeps items that mention a word, whole words only, any case', async () => {
    const r = await collect({ include: ['ai', 'MINISTER'] });
    // "ai" must not match "said" or "rainfall"
    expect(r.articles.map((a) => a.title)).toEqual(['New AI rules for hospitals', 'Rainfall records broken']);
  });

  it('exclude drops items that mention a word', async () => {
    const r = await collect({ exclude: ['crypto exchange'] });
    expect(r.articles.map((a) => a.title)).toEqual(['New AI rules for hospitals', 'Rainfall records broken']);
  });

  it('picksOnly shows only the URLs in picks.txt or passed in, whatever their tracking parameters', async () => {
    const r = await collect({ picksOnly: true }, '# editor picks\nhttps://n.example/rain?utm_source=newsletter\n\n');
    expect(r.articles.map((a) => a.title)).toEqual(['Rainfall records broken']);
    const both = await collect({ picksOnly: true }, 'https://n.example/rain\n', new Set(['https://N.example/crypto#x']));
    expect(both.articles.map((a) => a.title)).toEqual(['Rainfall records broken', 'Crypto exchange fined']);
  });

  it('readPicks reports a line that is not a URL with its line number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'picks-'));
    writeFileSync(join(dir, 'picks.txt'), '# picks\nhttps://ok.example/a\nnot a url\n');
    expect(() => readPicks(dir)).toThrowError(expect.objectContaining({ line: 3, message: '"not a url" is not an http(s) URL' }));
    expect(readPicks(mkdtempSync(join(tmpdir(), 'nopicks-'))).size).toBe(0);
  });
});

describe('digest feeds check', () => {
  async function check(contentDir: string, json: boolean) {
    let code = -1;
    const program = new Command('digest').exitOverride();
    registerFeeds(program, async (work) => {
      code = await work();
    });
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const previous = process.env.DIGEST_STATE_DIR;
    process.env.DIGEST_STATE_DIR = mkdtempSync(join(tmpdir(), 'state-'));
    try {
      await program.parseAsync(['feeds', 'check', '--content', contentDir, ...(json ? ['--json'] : [])], { from: 'user' });
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.env.DIGEST_STATE_DIR = previous;
    }
    return { code, out: out.join(''), err: err.join('') };
  }

  it('prints one row per feed and exits 0 when some feed works', async () => {
    const config = contentWith([{ url: server.url('/feed'), name: 'Works' }, { url: server.url('/gone'), name: 'Gone' }]);
    const r = await check(config.contentDir, false);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/feed\s+status\s+items\s+newest \(UTC\)\s+time/);
    expect(r.err).toMatch(/Works\s+ok\s+3\s+2026-11-24 10:00\s+\d+ ms/);
    expect(r.err).toMatch(/Gone\s+FAILED \(404\)\s+-\s+-/);
    expect(r.err).toContain('Gone: HTTP 404 Not Found');
  });

  it('gives JSON on stdout and exits 2 when every feed failed', async () => {
    const config = contentWith([{ url: server.url('/gone'), name: 'Gone' }]);
    const r = await check(config.contentDir, true);
    expect(r.code).toBe(2);
    const rows = JSON.parse(r.out) as { name: string; status: string; reason: string; httpStatus: number }[];
    expect(rows).toEqual([expect.objectContaining({ name: 'Gone', status: 'failed', httpStatus: 404, reason: 'HTTP 404 Not Found' })]);
    expect(allFeedsFailed({ failures: [{ feed: 'Gone', reason: 'x' }] }, 1)).toBe(true);
    expect(allFeedsFailed({ failures: [] }, 0)).toBe(false);
  });
});
