import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFeeds } from '../src/feeds/collect.js';
import { createMemoryLogger } from '../src/log.js';
import { contentWith, fixture, serve, xml, type Served } from './fixtures/feeds/harness.js';

/** Real-world feeds from the rss-parser project, served over HTTP as a publisher would. */
let server: Served;
beforeAll(async () => {
  server = await serve();
  const types: Record<string, string> = { atom: 'application/atom+xml', rss: 'application/rss+xml' };
  for (const name of ['reddit.rss', 'rss-1.rss', 'feedburner.atom', 'content-encoded.rss', 'gulp-atom.atom', 'rss-091.rss']) {
    server.route(`/${name}`, xml(fixture(name), { type: types[name.split('.').pop()!] }));
  }
});
afterAll(async () => {
  await server.close();
});

async function all(name: string, extra: Record<string, unknown> = {}) {
  const config = contentWith([{ url: server.url(`/${name}`), maxItems: 100, ...extra }]);
  const result = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger() });
  expect(result.failures).toEqual([]);
  return result;
}

describe('real-world feeds', () => {
  it('RSS 2.0 (reddit): every item, with its title, link and channel title as the source', async () => {
    const r = await all('reddit.rss');
    expect(r.checks[0]).toMatchObject({ name: 'reddit: the front page of the internet', status: 'ok', items: 24, taken: 24 });
    const a = r.articles.find((x) => x.title === 'The water is too deep, so he improvises')!;
    expect(a.url).toBe('https://www.reddit.com/r/funny/comments/3skxqc/the_water_is_too_deep_so_he_improvises/');
    expect(a.source).toBe('reddit: the front page of the internet');
    expect(a.published.toISOString()).toBe('2015-11-12T21:16:39.000Z');
    expect(a.origin).toBe('feed');
    expect(a.section).toBe('science');
    expect(a.summary).not.toMatch(/<|&lt;|&amp;/);
  });

  it('RSS 1.0 (Science): 69 items with dc:creator as the author', async () => {
    const r = await all('rss-1.rss');
    expect(r.articles).toHaveLength(69);
    const a = r.articles.find((x) => x.title === 'Food for fungi')!;
    expect(a.url).toBe('http://science.sciencemag.org/cgi/content/short/356/6343/1134-a?rss=1');
    expect(a.author).toBe('Hines, P. J.');
  });

  it('Atom (FeedBurner): 25 entries with authors, ids as GUIDs and plain-text summaries', async () => {
    const r = await all('feedburner.atom');
    expect(r.articles).toHaveLength(25);
    const a = r.articles.find((x) => x.title === 'AdWords and DFP Java client library will soon require Java 7+')!;
    expect(a.url).toBe('http://feedproxy.google.com/~r/blogspot/lQlzL/~3/Zjf41PDVLAc/adwords-and-dfp-java-client-library.html');
    expect(a.author).toBe('Google Ads Developer Advisor');
    expect(a.summary.startsWith('After November 2016, all releases of the Google Ads API Java Client Library')).toBe(true);
    expect(a.summary.length).toBeLessThanOrEqual(200);
    expect(a.feedItem?.guid).toMatch(/^tag:blogger\.com/);
  });

  it('Atom with relative links (gulp): links resolve against the feed URL', async () => {
    const r = await all('gulp-atom.atom');
    expect(r.articles).toHaveLength(10);
    const a = r.articles.find((x) => x.title === 'v3.9.0')!;
    expect(a.url).toBe(server.url('/gulpjs/gulp/releases/tag/v3.9.0'));
    expect(a.author).toBe('contra');
  });

  it('content:encoded (Medium): the full text for quotes, paragraphs kept, summary cut at a sentence', async () => {
    const r = await all('content-encoded.rss', { name: 'Invironment' });
    expect(r.articles).toHaveLength(7);
    const a = r.articles.find((x) => x.title === 'THE CREATIVE FORAGER')!;
    expect(a.source).toBe('Invironment');
    expect(a.author).toBe('Jeremy Puma');
    expect(a.text.split('\n\n').length).toBeGreaterThan(3);
    expect(a.text.length).toBeGreaterThan(a.summary.length);
    expect(a.summary.length).toBeLessThanOrEqual(200);
    expect(a.summary).toMatch(/[.!?…]["”’)]*$/);
  });

  it('RSS 0.91: items without GUIDs or dates get the time they were first seen', async () => {
    const config = contentWith([{ url: server.url('/rss-091.rss') }]);
    const now = new Date('2026-11-27T08:00:00Z');
    const r = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger(), now });
    expect(r.articles.map((a) => a.title)).toEqual(['Harbour authority approves tidal turbine trial', 'Library digitises a century of weather diaries']);
    expect(r.articles.every((a) => a.published.getTime() === now.getTime())).toBe(true);
    expect(r.articles[0]!.source).toBe('Old Style Wire');
  });
});
