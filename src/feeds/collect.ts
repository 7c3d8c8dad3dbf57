import type { Article } from '../content/article.js';
import type { Config } from '../config/load.js';
import { DEFAULT_FEED_CONCURRENCY, type FeedSettings } from '../config/feeds-schema.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { firstSeen, getValidators, recordFirstSeen, saveFetch, usedKeys } from '../store/feed-state.js';
import { fetchFeed, locationKey, resolveLocation, type FetchResult } from './fetch.js';
import { parseFeed } from './parse.js';
import { normaliseFeed } from './normalise.js';
import { applyFeedRules, newest } from './filters.js';
import { mergePicks, readPicks } from './picks.js';
import { reasonOf } from './failure.js';

export { readPicks } from './picks.js';

export interface CollectOptions {
  db: Db | null;
  /** A preview, a dry run or `feeds check`: read the state, never write it. */
  readOnly: boolean;
  log: Logger;
  now?: Date;
  /** URLs the editor picked elsewhere (front matter), added to content/picks.txt. */
  picks?: ReadonlySet<string>;
  concurrency?: number;
  /** First retry delay; tests shorten it. */
  backoffMs?: number;
}

export interface FeedCheck {
  name: string;
  url: string;
  status: 'ok' | 'not-modified' | 'failed';
  /** The HTTP status of the last response, when there was one. */
  httpStatus?: number;
  /** Items the feed holds that could become articles. */
  items: number;
  /** Items this issue takes from the feed, after the rules, items already sent, and maxItems. */
  taken: number;
  newest?: Date;
  ms: number;
  reason?: string;
  skipped: { title: string; reason: string }[];
}

export interface FeedFailureReport {
  feed: string;
  reason: string;
}

export interface CollectResult {
  articles: Article[];
  failures: FeedFailureReport[];
  checks: FeedCheck[];
}

/**
 * Fetches every feed of newsletter.yaml (a few at a time) and turns their items into articles.
 * A failing feed is reported and the others go on. Articles come back in the order of the
 * feeds, newest first within a feed; cross-feed and curated dedupe is dedupeArticles' job.
 */
export async function collectFeeds(config: Config, opts: CollectOptions): Promise<CollectResult> {
  const feeds = config.newsletter.feeds;
  const now = opts.now ?? new Date();
  const writable = opts.readOnly ? null : opts.db;
  const used = usedKeys(opts.db);
  const picks = feeds.some((f) => f.picksOnly) ? mergePicks(readPicks(config.contentDir), opts.picks) : new Set<string>();

  const outcomes = await mapLimited(feeds, opts.concurrency ?? DEFAULT_FEED_CONCURRENCY, (feed) =>
    collectOne(feed, { config, db: opts.db, writable, now, picks, used, backoffMs: opts.backoffMs }),
  );

  const result: CollectResult = { articles: [], failures: [], checks: [] };
  for (const o of outcomes) {
    result.checks.push(o.check);
    result.articles.push(...o.articles);
    if (o.check.status === 'failed') {
      result.failures.push({ feed: o.check.name, reason: o.check.reason ?? 'failed' });
      opts.log.warn(`feed "${o.check.name}" failed: ${o.check.reason}`, { feed: o.check.url });
    } else if (o.check.skipped.length) {
      const first = o.check.skipped[0]!;
      opts.log.info(`feed "${o.check.name}": ${o.check.skipped.length} item(s) skipped, e.g. "${first.title}": ${first.reason}`);
    }
  }
  return result;
}

/** True when there were feeds and none of them gave anything: with no curated content, exit 2. */
export function allFeedsFailed(result: Pick<CollectResult, 'failures'>, feedCount: number): boolean {
  return feedCount > 0 && result.failures.length >= feedCount;
}

interface FeedContext {
  config: Config;
  db: Db | null;
  writable: Db | null;
  now: Date;
  picks: ReadonlySet<string>;
  used: ReadonlySet<string>;
  backoffMs?: number;
}

async function collectOne(feed: FeedSettings, ctx: FeedContext): Promise<{ check: FeedCheck; articles: Article[] }> {
  const started = performance.now();
  const loc = resolveLocation(feed.url, ctx.config.contentDir);
  const feedUrl = locationKey(loc);
  const check: FeedCheck = { name: feed.name ?? feed.url, url: feed.url, status: 'failed', items: 0, taken: 0, ms: 0, skipped: [] };
  try {
    const cached = ctx.db && loc.kind === 'http' ? getValidators(ctx.db, feedUrl) : null;
    const conditional = cached && (cached.etag || cached.lastModified) ? { etag: cached.etag, lastModified: cached.lastModified } : undefined;
    const fetched: FetchResult = await fetchFeed(loc, {
      timeoutMs: feed.timeoutMs,
      maxBytes: feed.maxBytes,
      retries: feed.retries,
      backoffMs: ctx.backoffMs,
      validators: conditional,
    });
    check.httpStatus = loc.kind === 'http' ? fetched.status : undefined;
    const body = fetched.notModified ? cached!.body : fetched.text;
    const baseUrl = fetched.notModified ? cached!.baseUrl : fetched.baseUrl;
    const parsed = await parseFeed(body);
    if (!feed.name && parsed.title) check.name = parsed.title.trim();

    // Saved only once the body parsed: a 304 must never stand for a broken feed.
    if (ctx.writable && !fetched.notModified && loc.kind === 'http') {
      saveFetch(ctx.writable, feedUrl, { ...fetched.validators, baseUrl, body, fetchedAt: ctx.now });
    }

    const normalised = normaliseFeed({
      feed,
      feedUrl,
      baseUrl,
      parsed,
      summaryMaxChars: ctx.config.newsletter.summary.maxChars,
      undatedDate: (key) => (ctx.db ? firstSeen(ctx.db, [key]).get(key) : undefined) ?? ctx.now,
    });
    if (ctx.writable) recordFirstSeen(ctx.writable, normalised.undatedKeys, ctx.now);

    const ruled = applyFeedRules(normalised.articles, feed, ctx.picks, ctx.used);
    const taken = newest(ruled.kept, feed.maxItems);
    check.status = fetched.notModified ? 'not-modified' : 'ok';
    check.items = normalised.articles.length;
    check.taken = taken.length;
    check.newest = newest(normalised.articles, 1)[0]?.published;
    check.skipped = normalised.skipped;
    return { check: finish(check, started), articles: taken };
  } catch (err) {
    check.reason = reasonOf(err);
    const status = (err as { status?: number }).status;
    if (status) check.httpStatus = status;
    return { check: finish(check, started), articles: [] };
  }
}

function finish(check: FeedCheck, started: number): FeedCheck {
  check.ms = Math.round(performance.now() - started);
  return check;
}

/** Runs `work` over `items` with at most `limit` at once, keeping results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
