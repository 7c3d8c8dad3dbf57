import type { Config } from '../config/load.js';
import type { Article } from '../content/article.js';
import type { Problem } from '../errors.js';
import type { Issue } from '../issue/issue.js';
import { extractQuotes, pickKeyQuotes } from './quotes/index.js';
import { articleShareLinks, digestShare, quoteShareLinks } from './share.js';
import { tagUrl, utmForIssue, type UtmSettings } from './utm.js';
import { safeHref } from './links.js';
import { readingMinutes, summarise } from './summary.js';
import type { EnrichedArticle, EnrichedIssue, KeyQuote } from './enriched.js';

/** The public page of an issue in the web archive. */
export function issueWebUrl(webBaseUrl: string, slug: string): string {
  return new URL(`${encodeURIComponent(slug)}/web.html`, webBaseUrl.endsWith('/') ? webBaseUrl : webBaseUrl + '/').href;
}

/** Adds summaries, key quotes, share links and safe tagged links to every article of an issue. */
export function enrichIssue(issue: Issue, config: Config, title: string): EnrichedIssue {
  const n = config.newsletter;
  const utm = utmForIssue(n.share.utm, issue.slug);
  const warnings: Problem[] = [];
  const webUrl = issueWebUrl(n.webBaseUrl, issue.slug);
  const sections = issue.sections.map((s) => ({
    ...s,
    articles: s.articles.map((a) => enrichArticle(a, config, utm, warnings)),
  }));
  return {
    ...issue,
    sections,
    webUrl,
    share: digestShare({ title, webUrl }, n.subscribeUrl, n.share.networks, n.name),
    warnings,
  };
}

function enrichArticle(a: Article, config: Config, utm: UtmSettings | null, warnings: Problem[]): EnrichedArticle {
  const n = config.newsletter;
  // Curated URLs were validated as http(s) by the schema and feeds only pass http(s) links, but
  // the check stays here, where every link meets the email, so no path can skip it.
  const link = safeHref(a.url);
  if (link.warning) warnings.push({ file: a.sourceRef, message: link.warning });
  const url = link.href ?? n.webBaseUrl;
  const image = a.image && safeHref(a.image.url).href ? a.image : undefined;
  if (a.image && !image) warnings.push({ file: a.sourceRef, message: `image dropped: ${a.image.url} is not an http(s) URL` });

  return {
    ...a,
    url,
    image,
    summaryText: summarise(a.summary, a.text, n.summary.maxChars),
    readingMinutes: readingMinutes(a.text || a.summary),
    href: tagUrl(url, utm),
    quotes: keyQuotes(a, n.quotes.perArticle).map((q) => ({ ...q, shareLinks: quoteShareLinks(q, { title: a.title, url }, n.share.quoteNetworks, n.name) })),
    shareLinks: articleShareLinks({ title: a.title, url }, n.share.networks, n.name),
  };
}

/**
 * Curated quotes always win, all of them (the editor chose them); `quotes: false` turns the block
 * off; otherwise the extractor picks the configured number.
 */
function keyQuotes(a: Article, count: number): Omit<KeyQuote, 'shareLinks'>[] {
  if (a.curatedQuotes === false) return [];
  if (a.curatedQuotes && a.curatedQuotes.length > 0) return a.curatedQuotes;
  if (count === 0) return [];
  return pickKeyQuotes(extractQuotes(a.text), count).map((q) => ({ text: standalone(q.text), speaker: q.speaker }));
}

/**
 * News prose ends a quote with a comma when the attribution follows (“…take care of,” he said).
 * Shown on its own, the quote drops that comma.
 */
const standalone = (text: string): string => text.replace(/\s*[,;:]\s*$/, '');
