import type { Article } from '../content/article.js';
import type { FeedSettings } from '../config/feeds-schema.js';
import { cutAtSentence } from '../enrich/summary.js';
import type { ParsedFeed, RawItem } from './parse.js';
import { htmlToPlain, inlinePlain } from './plain-text.js';
import { cleanUrl, guidKey, hashKey, urlKey } from './keys.js';

export interface NormaliseInput {
  feed: FeedSettings;
  /** The feed's identity (its configured URL, or file: URL): scopes GUIDs that are not URLs. */
  feedUrl: string;
  /** Where the body came from after redirects; relative item links resolve against it. */
  baseUrl: string;
  parsed: ParsedFeed;
  summaryMaxChars: number;
  /** The date of an item that has none: when it was first seen. */
  undatedDate: (key: string) => Date;
}

export interface SkippedItem {
  title: string;
  reason: string;
}

export interface NormalisedFeed {
  articles: Article[];
  skipped: SkippedItem[];
  /** Keys of items that carried no usable date, whose first sighting is worth remembering. */
  undatedKeys: string[];
}

interface Draft {
  title: string;
  url: string;
  guid?: string;
  author?: string;
  isoDate?: string;
  summarySource: string;
  text: string;
  tags: string[];
}

/** Every item of one feed to articles; items that cannot become one are listed with the reason. */
export function normaliseFeed(input: NormaliseInput): NormalisedFeed {
  const { feed, parsed } = input;
  const source = feed.name ?? (parsed.title ? inlinePlain(parsed.title) : '');
  const skipped: SkippedItem[] = [];
  const drafts: Draft[] = [];
  const base = pickBase(input.baseUrl, parsed.link);
  for (const item of parsed.items) {
    const draft = toDraft(item, base);
    if ('reason' in draft) skipped.push(draft);
    else drafts.push(draft);
  }

  const weakUrls = nonIdentifyingUrls(drafts, parsed.link, base);
  const undatedKeys: string[] = [];
  const articles = drafts.map((d): Article => {
    const u = urlKey(d.url);
    const key = !weakUrls.has(u) ? u : d.guid ? guidKey(input.feedUrl, d.guid) : hashKey(d.title, d.text);
    const dated = d.isoDate ? new Date(d.isoDate) : undefined;
    const hasDate = dated !== undefined && !Number.isNaN(dated.getTime());
    if (!hasDate) undatedKeys.push(key);
    const summaryText = htmlToPlain(d.summarySource) || d.text;
    return {
      origin: 'feed',
      sourceRef: feed.name || source || input.feedUrl,
      title: d.title,
      url: d.url,
      source: source || new URL(d.url).hostname,
      ...(d.author ? { author: d.author } : {}),
      published: hasDate ? dated : input.undatedDate(key),
      section: feed.section,
      summary: cutAtSentence(summaryText, input.summaryMaxChars),
      text: d.text,
      tags: d.tags,
      feedItem: { feedUrl: input.feedUrl, ...(d.guid ? { guid: d.guid } : {}), key },
    };
  });
  return { articles, skipped, undatedKeys };
}

function toDraft(item: RawItem, base: URL | undefined): Draft | SkippedItem {
  const rawTitle = str(item.title);
  const text = htmlToPlain(str(item['content:encoded']) || str(item.content) || str(item.summary) || str(item.contentSnippet));
  const title = rawTitle ? inlinePlain(rawTitle) : cutAtSentence(text.split('\n\n')[0] ?? '', 100);
  const label = title || '(untitled item)';
  if (!title) return { title: label, reason: 'no title and no text' };

  const guid = str(item.guid) || str(item.id) || undefined;
  const candidates = [str(item.link), guid && /^https?:\/\//i.test(guid) ? guid : ''].filter(Boolean);
  if (candidates.length === 0) return { title: label, reason: 'no link' };
  const link = resolveLink(candidates[0]!, base);
  if ('reason' in link) return { title: label, reason: link.reason };

  return {
    title,
    url: link.url,
    guid,
    author: authorName(item),
    isoDate: str(item.isoDate) || undefined,
    // The description (RSS) or summary (Atom) is the publisher's own lead; the full content is for quotes.
    summarySource: str(item.summary) || (item['content:encoded'] ? str(item.content) : '') || '',
    text,
    tags: categories(item.categories),
  };
}

function resolveLink(raw: string, base: URL | undefined): { url: string } | { reason: string } {
  const trimmed = raw.trim();
  let u: URL;
  try {
    u = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return { reason: base ? `the link "${clip(trimmed)}" is not a valid URL` : `the link "${clip(trimmed)}" is relative and the feed has no http(s) address to resolve it against` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { reason: `the link is a ${u.protocol} URL; only http(s) links are used` };
  if (u.username || u.password) return { reason: 'the link carries a user name or password' };
  return { url: cleanUrl(u.href) };
}

/** The feed URL for fetched feeds; a local file's feed falls back to the channel's own link. */
function pickBase(baseUrl: string, channelLink: string | undefined): URL | undefined {
  for (const candidate of [baseUrl, channelLink]) {
    if (!candidate) continue;
    try {
      const u = new URL(candidate);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u;
    } catch {
      // not a usable base; try the next
    }
  }
  return undefined;
}

/**
 * Some feeds give every item the site's home page as its link (or one shared page). Such a URL says nothing about the
 * story, so those items are keyed by GUID or content instead (or they would all collapse into one).
 */
function nonIdentifyingUrls(drafts: Draft[], channelLink: string | undefined, base: URL | undefined): Set<string> {
  const weak = new Set<string>();
  if (channelLink) {
    try {
      weak.add(urlKey(new URL(channelLink, base).href));
    } catch {
      // an unreadable channel link marks nothing
    }
  }
  const titlesByUrl = new Map<string, Set<string>>();
  for (const d of drafts) {
    const k = urlKey(d.url);
    // A bare site root names a site, never a story.
    if (/^url:https:\/\/[^/?]+$/.test(k)) weak.add(k);
    const titles = titlesByUrl.get(k) ?? new Set<string>();
    titles.add(d.title);
    titlesByUrl.set(k, titles);
  }
  for (const [k, titles] of titlesByUrl) if (titles.size > 1) weak.add(k);
  return weak;
}

function authorName(item: RawItem): string | undefined {
  const itunes = item.itunes as Record<string, unknown> | undefined;
  const raw = str(item.creator) || str(item.author) || str(item['dc:creator']) || str(itunes?.author);
  if (!raw) return undefined;
  const plain = inlinePlain(raw);
  // RSS <author> is "address (Name)"; readers want the name, and an address alone is not a byline.
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(plain);
  if (paren) return paren[1]!.trim();
  if (/^\S+@\S+$/.test(plain)) return undefined;
  return plain || undefined;
}

function categories(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map(str).map((c) => inlinePlain(c)).filter(Boolean))].slice(0, 10);
}

/** rss-parser hands back strings, or xml2js objects ({ _: text, $: attrs }) or arrays of them. */
function str(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('_' in o) return str(o._);
    if ('name' in o) return str(o.name);
  }
  return '';
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
