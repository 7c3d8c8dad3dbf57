import Parser from 'rss-parser';
import { FeedFailure } from './failure.js';

/** An item as rss-parser gives it: fields vary by format, and any of them may be missing or odd. */
export type RawItem = Record<string, unknown>;

export interface ParsedFeed {
  title?: string;
  link?: string;
  items: RawItem[];
}

/**
 * Text (already decoded from its charset) to a feed: RSS 0.9x, 1.0 and 2.0, and Atom. Failures say
 * what the text was instead of a feed, since "Unexpected close tag" alone helps nobody.
 */
export async function parseFeed(text: string): Promise<ParsedFeed> {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) throw new FeedFailure('the response was empty');
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(body)) {
    throw new FeedFailure('not a feed: got an HTML page (is the URL the feed itself, not the site?)');
  }
  if (!body.startsWith('<')) throw new FeedFailure(`not XML: the response starts with "${preview(body)}"`);

  // A parser per call: xml2js keeps per-document state on the instance.
  const parser = new Parser({ defaultRSS: 2 });
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(body);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    // rss-parser turns an Atom date it cannot read into a thrown RangeError for the whole feed.
    if (/invalid time value/i.test(message)) throw new FeedFailure('an entry has a date that cannot be read');
    if (/not recognized as RSS/i.test(message)) {
      throw new FeedFailure(`not an RSS or Atom feed (the root element is <${rootName(body)}>)`);
    }
    throw new FeedFailure(`malformed XML: ${describeXmlError(message)}`);
  }
  return {
    title: typeof feed.title === 'string' ? feed.title : undefined,
    link: typeof feed.link === 'string' ? feed.link : undefined,
    items: (feed.items ?? []) as RawItem[],
  };
}

function describeXmlError(message: string): string {
  const [what, ...where] = message.split('\n').map((s) => s.trim()).filter(Boolean);
  const line = where.find((s) => s.startsWith('Line:'));
  const lineNo = line ? Number(/\d+/.exec(line)?.[0]) + 1 : undefined; // sax counts lines from 0
  const hint = /unclosed root tag/i.test(what ?? '') ? ' (the feed is cut off: truncated download or broken server)' : '';
  return `${(what ?? 'unreadable').replace(/\.$/, '')}${lineNo ? ` at line ${lineNo}` : ''}${hint}`;
}

function rootName(body: string): string {
  const m = /<([A-Za-z_][\w:.-]*)/.exec(body.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''));
  return m ? m[1]! : '?';
}

function preview(s: string): string {
  const first = s.slice(0, 40).replace(/\s+/g, ' ');
  return first.length < s.length ? `${first}…` : first;
}
