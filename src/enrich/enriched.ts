import type { Article } from '../content/article.js';
import type { Issue, IssueSection } from '../issue/issue.js';
import type { Problem } from '../errors.js';
import type { DigestShare, ShareLink } from './share.js';

export interface KeyQuote {
  text: string;
  speaker: string | null;
  /** Share this quote (text, speaker and the article's link) on the configured networks. */
  shareLinks: ShareLink[];
}

export interface EnrichedArticle extends Article {
  /** Plain-text summary shown in the card. */
  summaryText: string;
  readingMinutes: number;
  /** The article link as the email uses it: checked for safety and campaign-tagged. */
  href: string;
  quotes: KeyQuote[];
  shareLinks: ShareLink[];
}

export interface EnrichedIssue extends Omit<Issue, 'sections'> {
  sections: IssueSection<EnrichedArticle>[];
  /** The public archive page of this issue. */
  webUrl: string;
  share: DigestShare;
  /** Problems worth an editor's attention that did not stop the build (a dropped link, say). */
  warnings: Problem[];
}
