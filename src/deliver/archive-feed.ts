/**
 * RSS 2.0 feed of the web archive, for readers who follow the digest in a feed reader. Each item
 * carries the issue's full HTML in content:encoded; the rest is plain escaped text. The output
 * depends only on the input (no "now"), so rebuilding an unchanged archive gives the same file.
 */

export interface ArchivedIssue {
  slug: string;
  number: number;
  /** YYYY-MM-DD */
  date: string;
  title: string;
  description: string;
  webUrl: string;
  /** Full content for feed readers. */
  html: string;
}

export interface FeedChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  selfUrl: string;
}

/** Characters XML 1.0 forbids even escaped; one of them makes the whole feed unreadable. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A CDATA section ends at the first "]]>", so each one is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** RFC 822 date as RSS wants it; issues carry no time, so midnight UTC. */
export function rfc822(date: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new Error(`archived issue date ${JSON.stringify(date)} is not a real YYYY-MM-DD date`);
  }
  return parsed.toUTCString();
}

function newestFirst(a: ArchivedIssue, b: ArchivedIssue): number {
  return a.date === b.date ? b.number - a.number : a.date < b.date ? 1 : -1;
}

function itemXml(issue: ArchivedIssue): string {
  return [
    '    <item>',
    `      <title>${xmlText(issue.title)}</title>`,
    `      <link>${xmlText(issue.webUrl)}</link>`,
    `      <guid isPermaLink="true">${xmlText(issue.webUrl)}</guid>`,
    `      <pubDate>${rfc822(issue.date)}</pubDate>`,
    `      <description>${xmlText(issue.description)}</description>`,
    `      <content:encoded>${cdata(issue.html)}</content:encoded>`,
    '    </item>',
  ].join('\n');
}

export function archiveFeedXml(issues: ArchivedIssue[], channel: FeedChannel): string {
  const sorted = [...issues].sort(newestFirst);
  const newest = sorted[0];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlText(channel.title)}</title>`,
    `    <link>${xmlText(channel.link)}</link>`,
    `    <description>${xmlText(channel.description)}</description>`,
    `    <language>${xmlText(channel.language)}</language>`,
    `    <atom:link href="${xmlText(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(newest ? [`    <lastBuildDate>${rfc822(newest.date)}</lastBuildDate>`] : []),
    ...sorted.map(itemXml),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
