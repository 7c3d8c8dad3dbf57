import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  NETWORKS,
  ELLIPSIS,
  articleShareLinks,
  quoteShareLinks,
  digestShare,
  formatQuote,
  graphemeLength,
  trimToLimit,
  xWeightedLength,
  type Network,
  type ShareLink,
} from '../src/enrich/share.js';

const NAME = 'The Friday Digest';
const TRICKY = 'Café & “Quotes” #1 — 🚀 it\'s "50% off" + 👩‍👩‍👧 🇫🇷 a=b?c';
const URL_WITH_QUERY = 'https://example.com/posts/ünïcode?a=1&b=two%20words#part-2';

/** What a mail client sees: each raw parameter percent-decoded, with `+` left alone. */
function mailtoParams(href: string): Record<string, string> {
  expect(href.startsWith('mailto:?')).toBe(true);
  const out: Record<string, string> = {};
  for (const pair of href.slice('mailto:?'.length).split('&')) {
    const [key, value = ''] = pair.split('=');
    out[key!] = decodeURIComponent(value);
  }
  return out;
}

function param(link: ShareLink, name: string): string | null {
  return new URL(link.href).searchParams.get(name);
}

function byNetwork(links: ShareLink[]): Record<Network, ShareLink> {
  return Object.fromEntries(links.map((l) => [l.network, l])) as Record<Network, ShareLink>;
}

/** Either the input itself, or an ellipsised prefix of it. */
function expectFitted(decoded: string, input: string): void {
  if (decoded === input) return;
  expect(decoded.endsWith(ELLIPSIS)).toBe(true);
  expect(input.startsWith(decoded.slice(0, -ELLIPSIS.length))).toBe(true);
}

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('&', '#', '"', "'", '“', '”', '🚀', '👩‍👩‍👧', '🇫🇷', ' ', '+', '%20', '%', '=', '?', 'é', 'e\u0301', '中文', '\n'),
);
const textArb = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));
const urlArb = fc.webUrl({ withQueryParameters: true, withFragments: true });

describe('articleShareLinks', () => {
  it('builds one link per network, in the configured order, with labels', () => {
    const order: Network[] = ['email', 'bluesky', 'x'];
    const links = articleShareLinks({ title: 'T', url: 'https://e.com/' }, order, NAME);
    expect(links.map((l) => l.network)).toEqual(order);
    expect(links.map((l) => l.label)).toEqual(['Email', 'Bluesky', 'X']);
    expect(links[0]!.ariaLabel).toBe('Share by email');
    expect(links[2]!.ariaLabel).toBe('Share on X');
  });

  it('round-trips unicode, &, #, quotes and emoji through every network', () => {
    const links = byNetwork(articleShareLinks({ title: TRICKY, url: URL_WITH_QUERY }, NETWORKS, NAME));
    expect(links.x.href.startsWith('https://x.com/intent/tweet?')).toBe(true);
    expect(param(links.x, 'text')).toBe(TRICKY);
    expect(param(links.x, 'url')).toBe(URL_WITH_QUERY);
    expect(links.linkedin.href.startsWith('https://www.linkedin.com/sharing/share-offsite/?')).toBe(true);
    expect(param(links.linkedin, 'url')).toBe(URL_WITH_QUERY);
    expect(param(links.facebook, 'u')).toBe(URL_WITH_QUERY);
    expect(param(links.bluesky, 'text')).toBe(`${TRICKY} ${URL_WITH_QUERY}`);
    expect(param(links.reddit, 'url')).toBe(URL_WITH_QUERY);
    expect(param(links.reddit, 'title')).toBe(TRICKY);
    expect(param(links.whatsapp, 'text')).toBe(`${TRICKY} ${URL_WITH_QUERY}`);
    const mail = mailtoParams(links.email.href);
    expect(mail.subject).toBe(TRICKY);
    expect(mail.body).toContain(URL_WITH_QUERY);
    expect(mail.body).toContain(NAME);
  });

  it('writes mailto spaces as %20 and line breaks as CRLF, never +', () => {
    const { href } = articleShareLinks({ title: 'a b + c', url: 'https://e.com/' }, ['email'], NAME)[0]!;
    expect(href).toContain('subject=a%20b%20%2B%20c');
    expect(href).not.toMatch(/\+/);
    expect(mailtoParams(href).body).toMatch(/\r\n/);
    // A browser-style parse agrees with the mail client when there is no literal +.
    expect(new URL(href).searchParams.get('subject')).toBe('a b + c');
  });

  it('property: decoded parameters equal the input for any title and URL', () => {
    fc.assert(
      fc.property(textArb, urlArb, (title, url) => {
        const links = byNetwork(articleShareLinks({ title, url }, NETWORKS, NAME));
        expect(param(links.x, 'url')).toBe(url);
        expectFitted(param(links.x, 'text')!, title);
        expect(param(links.linkedin, 'url')).toBe(url);
        expect(param(links.facebook, 'u')).toBe(url);
        const sky = param(links.bluesky, 'text')!;
        expect(sky.endsWith(url)).toBe(true);
        expectFitted(sky.slice(0, -url.length).trimEnd(), title.trimEnd());
        expect(param(links.reddit, 'url')).toBe(url);
        expectFitted(param(links.reddit, 'title')!, title);
        expect(param(links.whatsapp, 'text')).toBe(title === '' ? url : `${title} ${url}`);
        const mail = mailtoParams(links.email.href);
        expect(mail.subject).toBe(title);
        expect(mail.body).toContain(url);
      }),
    );
  });

  it('trims a long title for X to 280 with the URL counted as 23', () => {
    const title = 'word '.repeat(100).trim();
    const link = articleShareLinks({ title, url: `https://e.com/${'x'.repeat(200)}` }, ['x'], NAME)[0]!;
    const text = param(link, 'text')!;
    expect(text.endsWith('word…')).toBe(true);
    expect(xWeightedLength(text) + 1 + 23).toBeLessThanOrEqual(280);
    expect(xWeightedLength(text) + 1 + 23).toBeGreaterThan(270);
  });
});

describe('quoteShareLinks', () => {
  const article = { title: 'On “trust” & #growth 🌱', url: URL_WITH_QUERY };

  it('posts the quote, the speaker and the article URL', () => {
    const quote = { text: 'Ship small & often — it\'s the #1 rule 🚀', speaker: 'Ada “A.” Lovelace' };
    const links = byNetwork(quoteShareLinks(quote, article, NETWORKS, NAME));
    const line = `“${quote.text}” — ${quote.speaker}`;
    expect(param(links.x, 'text')).toBe(line);
    expect(param(links.x, 'url')).toBe(URL_WITH_QUERY);
    expect(param(links.bluesky, 'text')).toBe(`${line} ${URL_WITH_QUERY}`);
    expect(param(links.linkedin, 'url')).toBe(URL_WITH_QUERY);
    expect(param(links.reddit, 'title')).toBe(line);
    expect(param(links.whatsapp, 'text')).toBe(`${line} ${URL_WITH_QUERY}`);
    const mail = mailtoParams(links.email.href);
    expect(mail.subject).toBe(line);
    expect(mail.body).toContain(line);
    expect(mail.body).toContain(article.title);
    expect(mail.body).toContain(URL_WITH_QUERY);
    expect(links.x.ariaLabel).toBe('Share this quote on X');
  });

  it('leaves out the dash when the quote has no speaker', () => {
    const [x] = quoteShareLinks({ text: 'Hi', speaker: null }, article, ['x'], NAME);
    expect(param(x!, 'text')).toBe('“Hi”');
  });

  const longQuote = {
    text: 'Trust is built in drops and lost in buckets, so every release we ship should earn a little more of it '.repeat(6).trim(),
    speaker: 'Kevin Plank',
  };

  it('trims a long quote for X, keeping the closing mark and the speaker', () => {
    const [x] = quoteShareLinks(longQuote, article, ['x'], NAME);
    const text = param(x!, 'text')!;
    expect(text).toMatch(/\S…” — Kevin Plank$/);
    expect(xWeightedLength(text) + 1 + 23).toBeLessThanOrEqual(280);
    expect(longQuote.text.startsWith(text.slice(1, text.indexOf('…')))).toBe(true);
  });

  it('trims a long quote for Bluesky to 300 graphemes including the URL', () => {
    const [sky] = quoteShareLinks(longQuote, article, ['bluesky'], NAME);
    const text = param(sky!, 'text')!;
    expect(graphemeLength(text)).toBeLessThanOrEqual(300);
    expect(text.endsWith(`…” — Kevin Plank ${URL_WITH_QUERY}`)).toBe(true);
  });

  it('weighs CJK double for X', () => {
    const [x] = quoteShareLinks({ text: '信'.repeat(300), speaker: null }, article, ['x'], NAME);
    const text = param(x!, 'text')!;
    expect(xWeightedLength(text)).toBeLessThanOrEqual(256);
    expect([...text].length).toBeLessThan(130);
  });

  it('property: every quote link decodes to the quote, trimmed only when over the limit', () => {
    fc.assert(
      fc.property(textArb, fc.option(textArb, { nil: null }), textArb, urlArb, (text, speaker, title, url) => {
        const links = byNetwork(quoteShareLinks({ text, speaker }, { title, url }, NETWORKS, NAME));
        const line = formatQuote(text, speaker);
        const x = param(links.x, 'text')!;
        expect(param(links.x, 'url')).toBe(url);
        expect(x === line || (x.includes(ELLIPSIS) && xWeightedLength(x) <= 256)).toBe(true);
        const sky = param(links.bluesky, 'text')!;
        expect(sky.endsWith(url)).toBe(true);
        expect(sky === `${line} ${url}` || graphemeLength(sky) <= 300).toBe(true);
        expect(param(links.whatsapp, 'text')).toBe(`${line} ${url}`);
        expect(mailtoParams(links.email.href).subject).toBe(line);
      }),
    );
  });
});

describe('trimToLimit', () => {
  it('cuts at a word boundary and ends with an ellipsis', () => {
    expect(trimToLimit('The quick brown fox jumps', 12, (s) => s.length)).toBe('The quick…');
    expect(trimToLimit('Hello, world and more', 10, (s) => s.length)).toBe('Hello…');
    expect(trimToLimit('short', 10, (s) => s.length)).toBe('short');
  });

  it('never splits an emoji, a surrogate pair or a ZWJ sequence', () => {
    const rockets = trimToLimit('🚀'.repeat(200), 51, (s) => s.length);
    expect(rockets).toBe('🚀'.repeat(25) + ELLIPSIS);
    const family = '👩‍👩‍👧';
    const families = trimToLimit(family.repeat(40), 30, (s) => s.length);
    expect(families.slice(0, -1).split(family).join('')).toBe('');
    expect(families.length).toBeLessThanOrEqual(30);
    expect(() => encodeURIComponent(families)).not.toThrow();
  });

  it('property: within the limit, a prefix of the input, cut between words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeé🚀中'.split(/(?:)/u)), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), fc.integer({ min: 12, max: 400 }), (ws, limit) => {
        const text = ws.join(' ');
        const out = trimToLimit(text, limit, graphemeLength);
        expect(graphemeLength(out)).toBeLessThanOrEqual(limit);
        if (out === text) return;
        expect(out.endsWith(ELLIPSIS)).toBe(true);
        const kept = out.slice(0, -ELLIPSIS.length);
        expect(text.startsWith(kept)).toBe(true);
        expect(text[kept.length]).toBe(' ');
        expect(() => encodeURIComponent(out)).not.toThrow();
      }),
    );
  });
});

describe('digestShare', () => {
  it('links to the web page, forwards by mail and keeps the subscribe URL', () => {
    const issue = { title: 'Issue #12: AI & “you” 🤖', webUrl: 'https://news.example.com/2024-01-05/web.html' };
    const subscribe = 'https://news.example.com/subscribe?ref=forward&x=a+b';
    const share = digestShare(issue, subscribe, ['x', 'linkedin', 'email'], NAME);
    expect(share.webUrl).toBe(issue.webUrl);
    expect(share.subscribeUrl).toBe(subscribe);
    expect(share.shareLinks.map((l) => l.network)).toEqual(['x', 'linkedin', 'email']);
    expect(param(share.shareLinks[0]!, 'url')).toBe(issue.webUrl);
    expect(param(share.shareLinks[0]!, 'text')).toBe(issue.title);
    const mail = mailtoParams(share.forwardMailto);
    expect(mail.subject).toBe(`${NAME}: ${issue.title}`);
    expect(mail.body).toContain(issue.webUrl);
    expect(mail.body).toContain(subscribe);
    expect(share.forwardMailto).not.toMatch(/\+/);
  });
});
