import { isMarkCode, isParagraphBreak, isSpaceCode, isUpperCode, isWordCode } from './chars.js';

/**
 * The whole text as word and punctuation tokens in typed arrays, built in one pass. Attribution
 * looks at a few dozen tokens around each quote, found by binary search, so no part of the text
 * is tokenized twice.
 */
export const WORD = 1, CAP = 2, PARA = 4, MARK = 8;

export interface Tokens {
  text: string;
  count: number;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
}

function isJoiner(c: number): boolean {
  // don't, U.S., al-Sisi, AT&T
  return c === 0x27 || c === 0x2019 || c === 46 || c === 45 || c === 38 || c === 0x2010;
}

export function tokenize(text: string): Tokens {
  const n = text.length;
  let cap = Math.max(16, Math.ceil(n / 4));
  let start = new Int32Array(cap), end = new Int32Array(cap), flags = new Uint8Array(cap);
  let count = 0;
  let para = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (c === 10) {
        let j = i + 1, newlines = 1;
        while (j < n && isSpaceCode(text.charCodeAt(j))) {
          if (text.charCodeAt(j) === 10) newlines++;
          j++;
        }
        if (isParagraphBreak(text, i, j, newlines)) para = true;
        i = j;
      } else i++;
      continue;
    }
    let j = i + 1;
    let f = 0;
    if (isWordCode(c)) {
      f = WORD | (isUpperCode(c) ? CAP : 0);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isWordCode(d)) j++;
        else if (isJoiner(d) && j + 1 < n && isWordCode(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
    } else if (isMarkCode(c)) f = MARK;
    if (count === cap) {
      cap *= 2;
      const s2 = new Int32Array(cap), e2 = new Int32Array(cap), f2 = new Uint8Array(cap);
      s2.set(start); e2.set(end); f2.set(flags);
      start = s2; end = e2; flags = f2;
    }
    start[count] = i;
    end[count] = j;
    flags[count] = f | (para ? PARA : 0);
    para = false;
    count++;
    i = j;
  }
  return { text, count, start, end, flags };
}

/** Index of the first token starting at or after `pos`. */
export function tokenAt(t: Tokens, pos: number): number {
  let lo = 0, hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.start[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function word(t: Tokens, i: number): string {
  return t.text.slice(t.start[i], t.end[i]);
}

export function lower(t: Tokens, i: number): string {
  return t.text.slice(t.start[i], t.end[i]).toLowerCase();
}

export const isWord = (t: Tokens, i: number): boolean => (t.flags[i] & WORD) !== 0;
export const isCap = (t: Tokens, i: number): boolean => (t.flags[i] & CAP) !== 0;
export const startsPara = (t: Tokens, i: number): boolean => (t.flags[i] & PARA) !== 0;

const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'prof', 'jr', 'sr', 'inc',
  'ltd', 'co', 'corp', 'vs', 'no', 'mt', 'ft', 'capt', 'cmdr', 'adm', 'supt', 'insp', 'det', 'rev', 'hon',
]);

/** Whether token i is a full stop, ! or ? that ends a sentence (not the dot of "Mr." or "U.S."). */
export function endsSentence(t: Tokens, i: number): boolean {
  const c = t.text.charCodeAt(t.start[i]);
  if (c === 33 || c === 63) return true;
  if (c !== 46) return false;
  if (i === 0 || !isWord(t, i - 1) || t.end[i - 1] !== t.start[i]) return true;
  const w = lower(t, i - 1);
  if (ABBREV.has(w)) return false;
  if (w.length === 1 && isCap(t, i - 1)) return false;
  if (w.includes('.')) return false;
  return true;
}
