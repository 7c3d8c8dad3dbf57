import { describe, it, expect } from 'vitest';
import Parser from 'rss-parser';
import { archiveFeedXml, rfc822, type ArchivedIssue } from '../src/deliver/archive-feed.js';

const CHANNEL = {
  title: 'The Friday Digest & “Friends”',
  link: 'https://news.example.com/',
  description: 'Weekly <b>notes</b> on A & B',
  language: 'en',
  selfUrl: 'https://news.example.com/feed.xml',
};

function issue(number: number, date: string, extra: Partial<ArchivedIssue> = {}): ArchivedIssue {
  const slug = date;
  return {
    slug,
    number,
    date,
    title: `Issue #${number}`,
    description: `Summary ${number}`,
    webUrl: `https://news.example.com/${slug}/web.html`,
    html: `<h1>Issue ${number}</h1>`,
    ...extra,
  };
}

const TRICKY_HTML = '<p>Code: <code>a[b[0]]>c</code> ends with ]]> and has <![CDATA[ inside ]]]]> &amp; 🚀</p>';

const ISSUES: ArchivedIssue[] = [
  issue(2, '2024-01-12', { title: 'AI & “you” <3 #2 🤖', description: 'Tom\'s "best" picks & more', html: TRICKY_HTML }),
  issue(1, '2024-01-05'),
  issue(3, '2024-01-19'),
];

async function parse(xml: string) {
  return new Parser({ customFields: { item: ['content:encoded'] } }).parseString(xml);
}

describe('archiveFeedXml', () => {
  it('lists every issue newest first with titles, links and guids', async () => {
    const feed = await parse(archiveFeedXml(ISSUES, CHANNEL));
    expect(feed.title).toBe(CHANNEL.title);
    expect(feed.link).toBe(CHANNEL.link);
    expect(feed.description).toBe(CHANNEL.description);
    expect(feed.items.map((i) => i.title)).toEqual(['Issue #3', 'AI & “you” <3 #2 🤖', 'Issue #1']);
    expect(feed.items.map((i) => i.link)).toEqual([
      'https://news.example.com/2024-01-19/web.html',
      'https://news.example.com/2024-01-12/web.html',
      'https://news.example.com/2024-01-05/web.html',
    ]);
    expect(feed.items.map((i) => i.guid)).toEqual(feed.items.map((i) => i.link));
    expect(feed.items.map((i) => i.isoDate)).toEqual(['2024-01-19T00:00:00.000Z', '2024-01-12T00:00:00.000Z', '2024-01-05T00:00:00.000Z']);
  });

  it('keeps the full HTML intact, even with "]]>" inside', async () => {
    const xml = archiveFeedXml(ISSUES, CHANNEL);
    const feed = await parse(xml);
    const item = feed.items.find((i) => i.title?.startsWith('AI'))!;
    expect(item['content:encoded']).toBe(TRICKY_HTML);
    expect(item.contentSnippet).toBeTruthy();
    expect(xml).toContain(']]]]><![CDATA[>');
  });

  it('escapes text fields and declares permalinks, self link and RFC 822 dates', () => {
    const xml = archiveFeedXml(ISSUES, CHANNEL);
    expect(xml).toContain('<title>AI &amp; “you” &lt;3 #2 🤖</title>');
    expect(xml).toContain('<guid isPermaLink="true">https://news.example.com/2024-01-12/web.html</guid>');
    expect(xml).toContain('<pubDate>Fri, 12 Jan 2024 00:00:00 GMT</pubDate>');
    expect(xml).toContain('<atom:link href="https://news.example.com/feed.xml" rel="self" type="application/rss+xml"/>');
  });

  it('orders issues of the same date by number and does not reorder the input', () => {
    const input = [issue(4, '2024-02-01'), issue(5, '2024-02-01')];
    const xml = archiveFeedXml(input, CHANNEL);
    expect(xml.indexOf('Issue #5')).toBeLessThan(xml.indexOf('Issue #4'));
    expect(input.map((i) => i.number)).toEqual([4, 5]);
  });

  it('drops characters XML cannot hold instead of breaking the feed', async () => {
    const xml = archiveFeedXml([issue(1, '2024-01-05', { title: 'bell\u0007 here', html: '<p>nul\u0000 ok</p>' })], CHANNEL);
    const feed = await parse(xml);
    expect(feed.items[0]!.title).toBe('bell here');
    expect(feed.items[0]!['content:encoded']).toBe('<p>nul ok</p>');
  });

  it('builds a valid empty feed', async () => {
    const feed = await parse(archiveFeedXml([], CHANNEL));
    expect(feed.items).toEqual([]);
  });

  it('rejects dates that are not real YYYY-MM-DD dates', () => {
    expect(rfc822('2024-02-29')).toBe('Thu, 29 Feb 2024 00:00:00 GMT');
    for (const bad of ['2023-02-29', '2024-1-5', '05/01/2024', '']) expect(() => rfc822(bad)).toThrow();
  });
});
