import type { Config } from '../config/load.js';
import type { EnrichedArticle, EnrichedIssue } from '../enrich/enriched.js';
import { neutralisePlaceholders as safe } from './placeholders.js';
import { placeholder } from './placeholders.js';

/**
 * The values templates see. Every optional value is present (null when absent) because templates
 * run in Handlebars' strict mode, where a misspelt name is an error rather than an empty string.
 * All text from content passes through `safe`, so it can never be taken for a placeholder.
 */
export interface View {
  newsletter: {
    name: string;
    tagline: string;
    language: string;
    webBaseUrl: string;
    archiveUrl: string;
    subscribeUrl: string;
    postalAddress: string;
  };
  brand: Omit<Config['newsletter']['brand'], 'logoUrl'> & { logoUrl: string | null };
  issue: {
    number: number;
    date: string;
    dateLabel: string;
    slug: string;
    webUrl: string;
    subject: string;
    preheader: string;
    intro: string | null;
    count: number;
  };
  greeting: string;
  reason: string;
  unsubscribeUrl: string;
  sections: { id: string; title: string; intro: string | null; articles: ArticleView[] }[];
  share: EnrichedIssue['share'];
}

export interface ArticleView {
  title: string;
  href: string;
  url: string;
  source: string;
  author: string | null;
  date: string;
  dateLabel: string;
  readingMinutes: number;
  summary: string;
  image: { url: string; alt: string } | null;
  tags: string[];
  quotes: { text: string; speaker: string | null; shareLinks: EnrichedArticle['shareLinks'] }[];
  shareLinks: EnrichedArticle['shareLinks'];
}

export function dateLabel(d: Date | string, language: string): string {
  const date = typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d;
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Values for the subject, preheader, greeting and reason patterns in newsletter.yaml. */
export interface PatternValues {
  name: string;
  tagline: string;
  number: number;
  date: string;
  dateLabel: string;
  count: number;
  lead: { title: string; source: string };
}

export function patternValues(issue: EnrichedIssue, config: Config): PatternValues {
  const n = config.newsletter;
  const lead = issue.sections[0]?.articles[0];
  return {
    name: n.name,
    tagline: n.tagline,
    number: issue.number,
    date: issue.date,
    dateLabel: dateLabel(issue.date, n.language),
    count: issue.sections.reduce((sum, s) => sum + s.articles.length, 0),
    lead: { title: safe(lead?.title ?? ''), source: safe(lead?.source ?? '') },
  };
}

export function buildView(
  issue: EnrichedIssue,
  config: Config,
  text: { subject: string; preheader: string; greeting: string; reason: string; intro: string | null },
): View {
  const n = config.newsletter;
  const base = n.webBaseUrl.endsWith('/') ? n.webBaseUrl : n.webBaseUrl + '/';
  return {
    newsletter: {
      name: n.name,
      tagline: n.tagline,
      language: n.language,
      webBaseUrl: n.webBaseUrl,
      archiveUrl: new URL('index.html', base).href,
      subscribeUrl: n.subscribeUrl,
      postalAddress: n.postalAddress,
    },
    brand: { ...n.brand, logoUrl: n.brand.logoUrl ?? null },
    issue: {
      number: issue.number,
      date: issue.date,
      dateLabel: dateLabel(issue.date, n.language),
      slug: issue.slug,
      webUrl: issue.webUrl,
      subject: text.subject,
      preheader: text.preheader,
      intro: text.intro,
      count: issue.sections.reduce((sum, s) => sum + s.articles.length, 0),
    },
    greeting: text.greeting,
    reason: text.reason,
    unsubscribeUrl: placeholder('unsubscribe_url'),
    sections: issue.sections.map((s) => ({
      id: s.id,
      title: s.title,
      intro: s.intro ?? null,
      articles: s.articles.map((a) => articleView(a, n.language)),
    })),
    share: issue.share,
  };
}

function articleView(a: EnrichedArticle, language: string): ArticleView {
  return {
    title: safe(a.title),
    href: a.href,
    url: a.url,
    source: safe(a.source),
    author: a.author ? safe(a.author) : null,
    date: a.published.toISOString().slice(0, 10),
    dateLabel: dateLabel(a.published, language),
    readingMinutes: a.readingMinutes,
    summary: safe(a.summaryText),
    image: a.image ? { url: a.image.url, alt: safe(a.image.alt) } : null,
    tags: a.tags.map(safe),
    quotes: a.quotes.map((q) => ({ text: safe(q.text), speaker: q.speaker ? safe(q.speaker) : null, shareLinks: q.shareLinks })),
    shareLinks: a.shareLinks,
  };
}
