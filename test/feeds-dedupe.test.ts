import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../src/content/article.js';
import { collectFeeds } from '../src/feeds/collect.js';
import { articleKeys, dedupeArticles, normaliseUrl, storyKeysOf } from '../src/feeds/dedupe.js';
import { createMemoryLogger } from '../src/log.js';
import { DB_FILE, openState, openStateReadOnly } from '../src/store/db.js';
import { markItemsUsed, usedKeys } from '../src/store/feed-state.js';
import { contentWith, rssWith, serve, tempStateDir, xml, type Served } from './fixtures/feeds/harness.js';

describe('normaliseUrl', () => {
  it('treats tracking, fragment, case, port, www, slash and parameter-order variants as one URL', () => {
    const variants = [
      'https://news.example/2026/story?id=7&page=2',
      'https://NEWS.example/2026/story/?page=2&id=7',
      'https://www.news.example:443/2026/story?id=7&page=2&utm_source=rss&utm_medium=feed#comments',
      'http://news.example:80/2026/story?fbclid=abc&id=7&gclid=x&page=2&mc_cid=1&mc_eid=2&ref=home',
    ];
    const forms = new Set(variants.map(normaliseUrl));
    expect([...forms]).toEqual(['https://news.example/2026/story?id=7&page=2']);
  });

  it('keeps what tells stories apart', () => {
    expect(normaliseUrl('https://news.example/story?id=7')).not.toBe(normaliseUrl('https://news.example/story?id=8'));
    expect(normaliseUrl('https://news.example/a/story')).not.toBe(normaliseUrl('https://news.example/b/story'));
    expect(normaliseUrl('https://news.example:8080/story')).not.toBe(normaliseUrl('https://news.example/story'));
  });
});

function feedArticle(over: Partial<Article> & { key?: string; guid?: string; feedUrl?: string }): Article {
  const url = over.url ?? 'https://a.example/story';
  return {
    origin: 'feed',
    sourceRef: 'Feed',
    title: over.title ?? 'A story',
    url,
    source: 'Feed',
    published: new Date('2026-11-25T10:00:00Z'),
    section: 'science',
    summary: '',
    text: over.text ?? 'Body.',
    tags: [],
    feedItem: { feedUrl: over.feedUrl ?? 'https://a.example/feed', guid: over.guid, key: over.key ?? `url:${normaliseUrl(url)}` },
  };
}

describe('dedupeArticles', () => {
  const curated: Article = { ...feedArticle({ url: 'https://a.example/curated' }), origin: 'curated', sourceRef: 'articles/x.md', feedItem: undefined };

  it('keeps one article per URL across feeds, whatever the tracking parameters and fragments', () => {
    const a = feedArticle({ url: 'https://a.example/story?utm_source=one', feedUrl: 'https://one.example/feed' });
    const b = feedArticle({ url: 'https://A.example/story/#top', feedUrl: 'https://two.example/feed' });
    expect(dedupeArticles([], [a, b], new Set())).toEqual([a]);
  });

  it('lets a curated article win over the same story from a feed', () => {
    const fromFeed = feedArticle({ url: 'https://a.example/curated?utm_campaign=x#p2' });
    const other = feedArticle({ url: 'https://a.example/other' });
    const drops: string[] = [];
    const out = dedupeArticles([curated], [fromFeed, other], new Set(), (art, why) => drops.push(`${art.url}: ${why}`));
    expect(out).toEqual([curated, other]);
    expect(drops).toEqual(['https://a.example/curated?utm_campaign=x#p2: same story as a curated article']);
  });

  it('matches on GUID when the link changes but the GUID does not', () => {
    const before = feedArticle({ url: 'https://a.example/2026/11/story', guid: 'story-42' });
    const after = feedArticle({ url: 'https://a.example/news/story-renamed', guid: 'story-42' });
    expect(dedupeArticles([], [before, after], new Set())).toEqual([before]);
    const used = new Set(storyKeysOf([before]));
    expect(dedupeArticles([], [after], used)).toEqual([]);
  });

  it('scopes non-URL GUIDs to their feed', () => {
    const one = feedArticle({ url: 'https://one.example/x', guid: '1', feedUrl: 'https://one.example/feed' });
    const two = feedArticle({ url: 'https://two.example/y', guid: '1', feedUrl: 'https://two.example/feed' });
    expect(dedupeArticles([], [one, two], new Set())).toEqual([one, two]);
  });

  it('excludes any item whose key went out in a sent issue', () => {
    const a = feedArticle({ url: 'https://a.example/sent' });
    const b = feedArticle({ url: 'https://a.example/new' });
    expect(dedupeArticles([], [a, b], new Set([`url:${normaliseUrl('https://a.example/sent?utm_source=x')}`]))).toEqual([b]);
  });
});

let server: Served;
beforeEach(async () => {
  server = await serve();
});
afterEach(async () => {
  await server.close();
});

const day = (d: number) => `${['Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu'][d - 21]}, ${d} Nov 2026 10:00:00 GMT`;

describe('feeds across runs', () => {
  it('items keyed by content hash when every item links to the home page and has no GUID', async () => {
    const home = 'https://hub.example/';
    server.route('/a', xml(rssWith([{ title: 'Alpha', link: home, description: 'Alpha body.' }, { title: 'Beta', link: home, description: 'Beta body.' }])));
    server.route('/b', xml(rssWith([{ title: 'Alpha', link: home, description: 'Alpha body.' }])));
    const config = contentWith([{ url: server.url('/a'), name: 'A' }, { url: server.url('/b'), name: 'B' }]);
    const r = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger() });
    expect(r.articles.map((a) => a.feedItem!.key.slice(0, 5))).toEqual(['hash:', 'hash:', 'hash:']);
    const kept = dedupeArticles([], r.articles, new Set());
    expect(kept.map((a) => `${a.sourceRef}:${a.title}`)).toEqual(['A:Alpha', 'A:Beta']);
  });

  it('a real send marks items used; the next run skips them and fills maxItems with the rest', async () => {
    const items = [21, 22, 23, 24].map((d) => ({ title: `Story ${d}`, link: `https://lab.example/s${d}?utm_source=rss`, guid: `g${d}`, date: day(d) }));
    server.route('/feed', xml(rssWith(items), { etag: '"e1"' }));
    const config = contentWith([{ url: server.url('/feed'), name: 'Lab', maxItems: 2 }]);
    const state = tempStateDir();

    const db = openState(state);
    const first = await collectFeeds(config, { db, readOnly: false, log: createMemoryLogger() });
    const issue1 = dedupeArticles([], first.articles, usedKeys(db));
    expect(issue1.map((a) => a.title)).toEqual(['Story 24', 'Story 23']);
    markItemsUsed(db, '2026-11-27-issue-1', storyKeysOf(issue1));

    const second = await collectFeeds(config, { db, readOnly: false, log: createMemoryLogger() });
    expect(second.checks[0]!.status).toBe('not-modified');
    const issue2 = dedupeArticles([], second.articles, usedKeys(db));
    expect(issue2.map((a) => a.title)).toEqual(['Story 22', 'Story 21']);
    db.close();
  });

  it('a preview (read-only collect) leaves the database bytes unchanged and uses nothing up', async () => {
    const items = [21, 22].map((d) => ({ title: `Story ${d}`, link: `https://lab.example/s${d}`, date: day(d) }));
    items.push({ title: 'Undated', link: 'https://lab.example/undated', date: '' });
    server.route('/feed', xml(rssWith(items), { etag: '"v2"' }));
    const config = contentWith([{ url: server.url('/feed'), name: 'Lab' }]);
    const state = tempStateDir();
    openState(state).close(); // the database exists, migrated, before any preview
    const file = join(state, DB_FILE);
    const fingerprint = () =>
      ['', '-wal', '-shm'].map((s) => (existsSync(file + s) ? createHash('sha256').update(readFileSync(file + s)).digest('hex') : 'none')).join('/');
    const before = fingerprint();

    const ro = openStateReadOnly(state);
    const preview = await collectFeeds(config, { db: ro, readOnly: true, log: createMemoryLogger() });
    ro!.close();
    const rw = openState(state);
    const dryRun = await collectFeeds(config, { db: rw, readOnly: true, log: createMemoryLogger() });
    rw.close();
    expect(fingerprint()).toBe(before);
    expect(preview.articles).toHaveLength(3);
    expect(dryRun.articles.map((a) => a.url)).toEqual(preview.articles.map((a) => a.url));

    const check = openState(state);
    expect(check.prepare('SELECT count(*) FROM feed_cache').pluck().get()).toBe(0);
    expect(check.prepare('SELECT count(*) FROM feed_items_seen').pluck().get()).toBe(0);
    expect(usedKeys(check).size).toBe(0);
    check.close();
  });

  it('an undated item keeps the time it was first seen across runs', async () => {
    server.route('/feed', xml(rssWith([{ title: 'No date', link: 'https://lab.example/nodate' }])));
    const config = contentWith([{ url: server.url('/feed'), name: 'Lab' }]);
    const db = openState(tempStateDir());
    const t1 = new Date('2026-11-25T06:00:00Z');
    const t2 = new Date('2026-11-27T06:00:00Z');
    const first = await collectFeeds(config, { db, readOnly: false, log: createMemoryLogger(), now: t1 });
    const second = await collectFeeds(config, { db, readOnly: false, log: createMemoryLogger(), now: t2 });
    expect(first.articles[0]!.published.toISOString()).toBe(t1.toISOString());
    expect(second.articles[0]!.published.toISOString()).toBe(t1.toISOString());
    expect(articleKeys(second.articles[0]!)).toEqual([`url:${normaliseUrl('https://lab.example/nodate')}`]);
    db.close();
  });
});
