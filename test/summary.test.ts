import { describe, it, expect } from 'vitest';
import { cutAtSentence, readingMinutes, summarise } from '../src/enrich/summary.js';

describe('summaries', () => {
  it('keeps whole sentences within the limit', () => {
    const text = 'Mr. Smith went to Washington. He met Dr. Jones at 3.30 p.m. on Friday. Then he left for the U.S. border and kept going.';
    expect(cutAtSentence(text, 70)).toBe('Mr. Smith went to Washington. He met Dr. Jones at 3.30 p.m. on Friday.');
    expect(cutAtSentence(text, 40)).toBe('Mr. Smith went to Washington.');
  });

  it('keeps a closing quote with its sentence', () => {
    expect(cutAtSentence('“We are done.” The rest is a much longer sentence that will not fit at all.', 30)).toBe('“We are done.”');
  });

  it('cuts a single overlong sentence at a word with an ellipsis', () => {
    const out = cutAtSentence('one two three four five six seven eight nine ten eleven twelve', 30);
    expect(out).toBe('one two three four five six…');
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it("prefers the editor's summary and otherwise takes the lead of the body", () => {
    expect(summarise('  Editor  wrote this. ', 'Body.', 100)).toBe('Editor wrote this.');
    expect(summarise('', 'Lead one.\n\nLead two is here.\n\nThird.', 30)).toBe('Lead one. Lead two is here.');
  });

  it('counts reading time at 230 words a minute, at least one', () => {
    expect(readingMinutes('word '.repeat(700))).toBe(3);
    expect(readingMinutes('')).toBe(1);
  });
});
