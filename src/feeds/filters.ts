import type { Article } from '../content/article.js';
import type { FeedSettings } from '../config/feeds-schema.js';
import { normaliseUrl } from './keys.js';
import { articleKeys } from './dedupe.js';

/** Whole-word, any-case matching: "AI" must not match "said", and "é" counts as a letter. */
function wordPattern(words: readonly string[]): RegExp | null {
  if (words.length === 0) return null;
  const alternatives = words.map((w) => w.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}

export interface FilterOutcome {
  kept: Article[];
  dropped: { title: string; reason: string }[];
}

/** The editor's rules for one feed: include and exclude words, picks only, items already sent. */
export function applyFeedRules(
  articles: Article[],
  feed: FeedSettings,
  picks: ReadonlySet<string>,
  used: ReadonlySet<string>,
): FilterOutcome {
  const include = wordPattern(feed.include);
  const exclude = wordPattern(feed.exclude);
  const kept: Article[] = [];
  const dropped: FilterOutcome['dropped'] = [];
  const seen = new Set<string>();
  for (const a of articles) {
    const haystack = `${a.title}\n${a.text}`;
    const keys = articleKeys(a);
    const reason =
      include && !include.test(haystack) ? 'mentions none of the include words'
      : exclude?.test(haystack) ? 'mentions an exclude word'
      : feed.picksOnly && !picks.has(normaliseUrl(a.url)) ? 'not in the editor\'s picks'
      : keys.some((k) => used.has(k)) ? 'sent in an earlier issue'
      : keys.some((k) => seen.has(k)) ? 'appears twice in the feed'
      : undefined;
    if (reason) {
      dropped.push({ title: a.title, reason });
      continue;
    }
    for (const k of keys) seen.add(k);
    kept.push(a);
  }
  return { kept, dropped };
}

/** The newest `max`, taken after the rules so that items already sent never use up a slot. */
export function newest(articles: Article[], max: number): Article[] {
  return [...articles].sort((a, b) => b.published.getTime() - a.published.getTime()).slice(0, max);
}
