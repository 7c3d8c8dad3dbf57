/** An article as every later stage sees it, whether an editor wrote it or a feed brought it. */
export interface Article {
  origin: 'curated' | 'feed';
  /** Where it came from, for messages: the Markdown file, or the feed's name. */
  sourceRef: string;
  title: string;
  /** The canonical http(s) link to the story. */
  url: string;
  /** The publication, e.g. "Reuters". */
  source: string;
  author?: string;
  published: Date;
  /** A section id from newsletter.yaml. */
  section: string;
  /** Plain text, as the editor wrote it, or empty to take the lead of the body. */
  summary: string;
  /** The article body as plain text, paragraphs separated by blank lines: for quotes and reading time. */
  text: string;
  /** Curated key quotes: a list wins over extraction, `false` turns the quote block off. */
  curatedQuotes?: CuratedQuote[] | false;
  tags: string[];
  image?: { url: string; alt: string };
  /** Feed bookkeeping for dedupe (GUID and content hash); absent for curated articles. */
  feedItem?: { feedUrl: string; guid?: string; key: string };
}

export interface CuratedQuote {
  text: string;
  speaker: string | null;
}
