import { findQuotes } from './extract.js';
import { choose, score } from './rank.js';
import { canonicalSpeakers } from './canonical.js';

/**
 * Key quotes of an article: every direct quotation in plain text, who said it, and which ones
 * are worth showing. Pure functions; the caller turns Markdown into text first.
 */
export interface Quote {
  /** The quoted words; for a split quote the spans joined with a single space. */
  text: string;
  /** Full name with title where known, e.g. "Treasury Secretary Steven Mnuchin"; null when unknown. */
  speaker: string | null;
  /** [start, end) offsets into the input covering the words inside the marks, not the marks. */
  spans: [number, number][];
  partial: boolean;
  /** Ranking score, higher is better, rounded to 3 decimals. */
  score: number;
}

/** Every quote, in text order, with its speaker and score. */
export function extractQuotes(text: string): Quote[] {
  const found = findQuotes(text);
  const speakers = canonicalSpeakers(found.map((q) => q.speaker));
  return found.map((q, i) => ({
    text: q.text,
    speaker: speakers[i]!,
    spans: q.spans,
    partial: q.partial,
    score: score(q),
  }));
}

/** The best `count` quotes, in text order. */
export function pickKeyQuotes(quotes: Quote[], count: number): Quote[] {
  if (count <= 0) return [];
  return choose(quotes, count).map((i) => quotes[i]);
}
