import { isLowerCode, isMarkCode, isParagraphBreak, isSpaceCode, isWordCode } from './chars.js';

/**
 * Pairs quote marks in one pass. Every character is looked at once and the state is a single
 * open quote, so unbalanced or nested marks cannot make the scan go quadratic: an opener that
 * finds no closer before its paragraph ends is simply dropped.
 */

export type Family = 'double' | 'single' | 'guillemet' | 'low';

export interface MarkedQuote {
  /** [start, end) of the words inside the marks, one per paragraph the quote runs over. */
  spans: [number, number][];
  /** Index of the first opening mark. */
  open: number;
  /** Index of the closing mark. */
  close: number;
  family: Family;
}

const LDQ = 0x201c, RDQ = 0x201d, LSQ = 0x2018, RSQ = 0x2019, DLOW = 0x201e;
const STRAIGHT_D = 0x22, STRAIGHT_S = 0x27, LGUIL = 0xab, RGUIL = 0xbb;

/**
 * British-style texts put speech in single marks. Decide per text by counting marks that can
 * only be openers: in American-style text single marks are nested or scare quotes and stay rare.
 */
export function usesSingleForSpeech(text: string): boolean {
  let single = 0, double = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LDQ || c === DLOW || c === LGUIL) double++;
    else if (c === STRAIGHT_D && opensByPosition(text, i)) double++;
    else if ((c === LSQ || c === STRAIGHT_S) && opensByPosition(text, i) && !isElision(text, i)) single++;
  }
  return single > double;
}

/** A mark after a space or an opening bracket and before a word starts something. */
function opensByPosition(text: string, i: number): boolean {
  const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  const prevOpen = isSpaceCode(prev) || prev === 40 || prev === 91 || prev === 0x2014 || prev === 0x2013 || prev === 47;
  return prevOpen && !isSpaceCode(next);
}

/** '90s, ’em, 'n', 'tis: a leading apostrophe that stands for missing letters. */
function isElision(text: string, i: number): boolean {
  const n1 = text.charCodeAt(i + 1);
  if (n1 >= 48 && n1 <= 57) return true;
  const word = text.slice(i + 1, i + 5).toLowerCase();
  return /^(em|n'|n’|tis|twas|til|cause)\b/.test(word);
}

interface State {
  family: Family | null;
  firstMark: number;
  contentStart: number;
  spans: [number, number][];
  /** A closing single mark that may be a plural possessive (the Americans’ data). */
  maybeClose: number;
}

export function scanQuotes(text: string): MarkedQuote[] {
  const single = usesSingleForSpeech(text);
  const out: MarkedQuote[] = [];
  const st: State = { family: null, firstMark: -1, contentStart: -1, spans: [], maybeClose: -1 };
  const n = text.length;

  const reset = (): void => {
    st.family = null;
    st.spans = [];
    st.maybeClose = -1;
  };
  const emit = (closeAt: number): void => {
    pushSpan(text, st.spans, st.contentStart, closeAt);
    if (st.spans.length > 0 && st.family) {
      out.push({ spans: st.spans, open: st.firstMark, close: closeAt, family: st.family });
    }
    reset();
  };
  const open = (family: Family, at: number): void => {
    if (st.family && st.maybeClose >= 0) emit(st.maybeClose);
    st.family = family;
    st.firstMark = at;
    st.contentStart = at + 1;
    st.spans = [];
    st.maybeClose = -1;
  };

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      let j = i + 1, newlines = 1;
      while (j < n && isSpaceCode(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 10) newlines++;
        j++;
      }
      if (st.family && isParagraphBreak(text, i, j, newlines)) {
        if (j < n && continues(st.family, text, j, single)) {
          // News convention: a quote running on reopens its mark each paragraph and closes once.
          pushSpan(text, st.spans, st.contentStart, i);
          st.contentStart = j + 1;
          st.maybeClose = -1;
          i = j;
          continue;
        }
        if (st.maybeClose >= 0) emit(st.maybeClose);
        else reset();
      }
      i = j - 1;
      continue;
    }
    if (!isMarkCode(c)) continue;
    step(text, i, c, single, st, open, emit);
  }
  if (st.family && st.maybeClose >= 0) emit(st.maybeClose);
  return out;
}

function continues(family: Family, text: string, j: number, single: boolean): boolean {
  const c = text.charCodeAt(j);
  switch (family) {
    case 'double': return c === LDQ || (c === STRAIGHT_D && opensByPosition(text, j));
    case 'single': return single && (c === LSQ || (c === STRAIGHT_S && opensByPosition(text, j)));
    case 'guillemet': return c === LGUIL;
    case 'low': return c === DLOW;
  }
}

function pushSpan(text: string, spans: [number, number][], s: number, e: number): void {
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) spans.push([s, e]);
}

function step(
  text: string, i: number, c: number, single: boolean, st: State,
  open: (f: Family, at: number) => void, emit: (at: number) => void,
): void {
  const fam = st.family;
  switch (c) {
    case LDQ:
      if (fam === 'low') emit(i);
      else if (fam === null || fam === 'double') open('double', i);
      return;
    case RDQ:
      if (fam === 'double' || fam === 'low') emit(i);
      else if (fam === null && opensByPosition(text, i) && isWordCode(text.charCodeAt(i + 1))) open('double', i);
      return;
    case STRAIGHT_D: {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      if (isSpaceCode(prev) && isSpaceCode(next)) return; // a stray mark between spaces
      if (opensByPosition(text, i)) {
        if (fam === null || fam === 'double') open('double', i);
      } else if (fam === 'double' || fam === 'low') emit(i);
      return;
    }
    case LGUIL:
      if (fam === null || fam === 'guillemet') open('guillemet', i);
      return;
    case RGUIL:
      if (fam === 'guillemet') emit(i);
      return;
    case DLOW:
      if (fam === null || fam === 'low') open('low', i);
      return;
    case LSQ:
    case RSQ:
    case STRAIGHT_S:
      if (single) singleMark(text, i, c, st, open, emit);
      return;
  }
}

function singleMark(
  text: string, i: number, c: number, st: State,
  open: (f: Family, at: number) => void, emit: (at: number) => void,
): void {
  const fam = st.family;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  if (isWordCode(prev) && isWordCode(next)) return; // don't, it’s
  const opener = c === LSQ || (c === STRAIGHT_S && opensByPosition(text, i));
  if (opener || (c === RSQ && opensByPosition(text, i))) {
    if (isElision(text, i) || c === RSQ) return;
    if (fam === null || fam === 'single') open('single', i);
    return;
  }
  if (fam !== 'single') return;
  if ((prev === 115 || prev === 83) && next === 32 && isLowerCode(text.charCodeAt(i + 2)) && !attributionFollows(text, i + 2)) {
    // "the Americans’ data" reads as a possessive; keep it in reserve in case nothing else closes.
    st.maybeClose = i;
    return;
  }
  emit(i);
}

const AFTER_CLOSE = /^(he|she|they|it|we|i|said|says|added|adds|told|asked|according)\b/i;

function attributionFollows(text: string, at: number): boolean {
  return AFTER_CLOSE.test(text.slice(at, at + 12));
}
