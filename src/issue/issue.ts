import type { Article } from '../content/article.js';

/** One issue of the newsletter: the articles of its window, grouped by section in config order. */
export interface Issue {
  number: number;
  /** The issue date, YYYY-MM-DD (UTC). */
  date: string;
  slug: string;
  windowStart: Date;
  windowEnd: Date;
  sections: IssueSection<Article>[];
}

export interface IssueSection<A> {
  id: string;
  title: string;
  intro?: string;
  articles: A[];
}
