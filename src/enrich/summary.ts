/**
 * Summaries are plain text cut at a sentence boundary, so a reader never sees a sentence broken
 * off mid-way. Abbreviations ("Mr.", "U.S.") and decimals must not count as sentence ends.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'gov', 'sen', 'rep', 'gen', 'col', 'lt', 'sgt', 'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n',
]);

/** Offsets just after each sentence end in `text` (after the closing punctuation and any quote). */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  const re = /[.!?…]+["”’')\]]*(?=\s|$)/g;
  for (const m of text.matchAll(re)) {
    const at = m.index!;
    if (text[at] === '.' && isAbbreviation(text, at)) continue;
    ends.push(at + m[0].length);
  }
  return ends;
}

function isAbbreviation(text: string, dot: number): boolean {
  const before = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  // A single capital letter with a dot is an initial ("John F. Kennedy").
  return ABBREVIATIONS.has(word) || /^[a-z]$/.test(word);
}

/**
 * The longest run of whole sentences from the start of `text` that fits in `maxChars`. When even
 * the first sentence is longer, cut at a word boundary and end with an ellipsis.
 */
export function cutAtSentence(text: string, maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  let best = 0;
  for (const end of sentenceEnds(clean)) {
    if (end > maxChars) break;
    best = end;
  }
  if (best > 0) return clean.slice(0, best).trim();
  const cut = clean.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return (space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '') + '…';
}

/** The summary an article shows: the editor's own, or the lead of its body. */
export function summarise(summary: string, body: string, maxChars: number): string {
  if (summary.trim()) return summary.replace(/\s+/g, ' ').trim();
  const firstParagraphs = body.split(/\n\s*\n/).slice(0, 3).join(' ');
  return cutAtSentence(firstParagraphs, maxChars);
}

const WORDS_PER_MINUTE = 230;

export function readingMinutes(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
