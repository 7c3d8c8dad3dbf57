import type { Article } from '../content/article.js';
import { guidKey, urlKey } from './keys.js';

export { normaliseUrl } from './keys.js';

/**
 * Every key a story is known by. A feed item's main key is its URL, else its GUID, else a hash
 * of its title and text; the GUID is also kept so that a publisher who changes a link's form
 * (but not the GUID) does not bring the story back. Curated articles are known by URL only.
 */
export function articleKeys(a: Article): string[] {
  if (!a.feedItem) return [urlKey(a.url)];
  const keys = [a.feedItem.key];
  if (a.feedItem.guid) {
    const g = guidKey(a.feedItem.feedUrl, a.feedItem.guid);
    if (g !== a.feedItem.key) keys.push(g);
  }
  return keys;
}

export type DropReason = 'sent in an earlier issue' | 'same story as a curated article' | 'same story as another feed item';

/**
 * One article per story. Curated articles all stay (the editor chose them) and win over feed
 * items; among feed items the first wins, so the order of feeds in newsletter.yaml is the
 * tie-break. A feed item any of whose keys went out in a sent issue never comes back.
 */
export function dedupeArticles(
  curated: Article[],
  fromFeeds: Article[],
  usedKeys: ReadonlySet<string>,
  onDrop?: (article: Article, reason: DropReason) => void,
): Article[] {
  const curatedKeys = new Set(curated.flatMap(articleKeys));
  const taken = new Set<string>();
  const kept: Article[] = [];
  for (const a of fromFeeds) {
    const keys = articleKeys(a);
    // A curated copy of a story is matched by URL even when the feed item's main key is not its URL.
    const curatedMatch = keys.some((k) => curatedKeys.has(k)) || curatedKeys.has(urlKey(a.url));
    const reason: DropReason | undefined = keys.some((k) => usedKeys.has(k))
      ? 'sent in an earlier issue'
      : curatedMatch
        ? 'same story as a curated article'
        : keys.some((k) => taken.has(k))
          ? 'same story as another feed item'
          : undefined;
    if (reason) {
      onDrop?.(a, reason);
      continue;
    }
    for (const k of keys) taken.add(k);
    kept.push(a);
  }
  return [...curated, ...kept];
}

/**
 * The keys to pass to markItemsUsed once an issue holding `articles` has really been sent:
 * curated stories too, so a curated article whose date falls in two overlapping windows (a
 * cron run more often than the window is long) goes out once.
 */
export function storyKeysOf(articles: readonly Article[]): string[] {
  return [...new Set(articles.flatMap(articleKeys))];
}

/** Curated articles whose story already went out in a sent issue. */
export function alreadySent(articles: readonly Article[], usedKeys: ReadonlySet<string>): Article[] {
  return articles.filter((a) => articleKeys(a).some((k) => usedKeys.has(k)));
}
