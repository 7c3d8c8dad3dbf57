import type { Article } from '../content/article.js';
import type { Section } from '../config/schema.js';
import type { Issue, IssueSection } from './issue.js';

const DAY_MS = 86_400_000;

export interface SelectOptions {
  /** The issue date (any time that day, UTC), or 'latest' for the day of the newest article. */
  date: Date | 'latest';
  windowDays: number;
  maxArticles: number;
  sections: readonly Section[];
}

export interface IssueWindow {
  date: string;
  start: Date;
  /** Exclusive: the first instant after the issue day. */
  end: Date;
}

/** The window of an issue: the `windowDays` whole UTC days up to and including its date. */
export function issueWindow(date: Date, windowDays: number): IssueWindow {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return { date: new Date(day).toISOString().slice(0, 10), start: new Date(day - (windowDays - 1) * DAY_MS), end: new Date(day + DAY_MS) };
}

/**
 * 'latest' makes the sample content build whatever today's date is, since its articles carry
 * fixed dates; a cron run uses today.
 */
export function resolveIssueDate(date: Date | 'latest', articles: readonly Article[]): Date | null {
  if (date !== 'latest') return date;
  if (articles.length === 0) return null;
  return new Date(Math.max(...articles.map((a) => a.published.getTime())));
}

/** Issue slugs are the issue date: stable for a window, readable in URLs and `--issue`. */
export const issueSlug = (date: string): string => date;

/**
 * Picks the articles of the window, ordered by section (config order) and then by date (newest
 * first), capped at maxArticles. Returns the sections with articles; empty when nothing is in the window.
 */
export function selectArticles(articles: readonly Article[], window: IssueWindow, opts: Pick<SelectOptions, 'maxArticles' | 'sections'>): IssueSection<Article>[] {
  const inWindow = articles.filter((a) => a.published >= window.start && a.published < window.end);
  const order = new Map(opts.sections.map((s, i) => [s.id, i]));
  const sorted = [...inWindow].sort(
    (a, b) => (order.get(a.section) ?? 1e9) - (order.get(b.section) ?? 1e9) || b.published.getTime() - a.published.getTime() || a.title.localeCompare(b.title),
  );
  const kept = sorted.slice(0, opts.maxArticles);
  return opts.sections
    .map((s) => ({ id: s.id, title: s.title, intro: s.intro, articles: kept.filter((a) => a.section === s.id) }))
    .filter((s) => s.articles.length > 0);
}

export function buildIssue(sections: IssueSection<Article>[], window: IssueWindow, number: number): Issue {
  return { number, date: window.date, slug: issueSlug(window.date), windowStart: window.start, windowEnd: window.end, sections };
}
