import { z } from 'zod';
import type { Problem } from '../errors.js';
import { isHttpUrl, sectionId } from './fields.js';

/**
 * A feed is an http(s) URL or a local file path. Anything that looks like another scheme
 * (ftp:, file:, javascript:) is refused here, so the fetcher only ever meets the two it knows.
 */
const feedLocation = z
  .string()
  .trim()
  .min(1, 'must be an http(s) URL or a file path')
  // No scheme (or a Windows drive letter) is a file path; anything with a scheme must be http(s).
  .refine((v) => !/^[a-z][a-z0-9+.-]*:/i.test(v) || /^[a-z]:[\\/]/i.test(v) || isHttpUrl(v), 'must be an http(s) URL like https://example.com/feed.xml, or a file path like feeds/lab-notes.xml');

const keywords = z.array(z.string().trim().min(1, 'a keyword cannot be empty')).default([]);

export const feedSchema = z.strictObject({
  url: feedLocation,
  /** How the feed is named in reports and shown as the article's source; the channel title when absent. */
  name: z.string().trim().min(1).optional(),
  section: sectionId,
  /** Newest items taken per issue, counted after items already sent are set aside. */
  maxItems: z.number().int().min(1).max(100).default(5),
  /** When set, an item must mention one of these words (title or text, whole words, any case). */
  include: keywords,
  /** An item that mentions any of these words is dropped. */
  exclude: keywords,
  /** Items appear only when their URL is listed in content/picks.txt (or passed as picks). */
  picksOnly: z.boolean().default(false),
  /** Limit for one request, headers and body; a slow feed fails rather than holding up the issue. */
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** A response larger than this is cut off and the feed fails: protects memory from runaway feeds. */
  maxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Extra attempts after a 5xx, a timeout or a dropped connection, with exponential backoff. */
  retries: z.number().int().min(0).max(5).default(2),
});

export const feedsSchema = z.array(feedSchema);
export type FeedSettings = z.output<typeof feedsSchema>[number];

/** How many feeds are fetched at once. Not a newsletter setting: it is about the machine. */
export const DEFAULT_FEED_CONCURRENCY = 4;

/**
 * Problems the schema alone cannot see: a feed pointing at a section that does not exist, and two
 * feeds with the same name (reports would be ambiguous). The config loader adds file and line.
 */
export function checkFeedSections(
  feeds: readonly FeedSettings[],
  sectionIds: readonly string[],
  lineOf: (path: PropertyKey[]) => number | undefined = () => undefined,
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(sectionIds);
  const names = new Set<string>();
  feeds.forEach((feed, i) => {
    if (!known.has(feed.section)) {
      problems.push({
        line: lineOf(['feeds', i, 'section']),
        message: `feed "${feed.name ?? feed.url}": section "${feed.section}" is not one of the sections`,
        hint: `use one of: ${sectionIds.join(', ')}`,
      });
    }
    if (feed.name !== undefined) {
      if (names.has(feed.name)) {
        problems.push({ line: lineOf(['feeds', i, 'name']), message: `feed name "${feed.name}" is used twice`, hint: 'give each feed its own name' });
      }
      names.add(feed.name);
    }
  });
  return problems;
}
