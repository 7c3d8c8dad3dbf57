/** Character classes shared by the mark scanner and the tokenizer, on char codes for speed. */

const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const UPPER_RE = /\p{Lu}/u;

export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0x2000 && c <= 0x206f) return false; // general punctuation: quotes, dashes, spaces
  if (c === 0xab || c === 0xbb || c === 0xa0) return false;
  return WORD_RE.test(String.fromCharCode(c));
}

export function isUpperCode(c: number): boolean {
  if (c < 0x80) return c >= 65 && c <= 90;
  return UPPER_RE.test(String.fromCharCode(c));
}

export function isLowerCode(c: number): boolean {
  if (c < 0x80) return c >= 97 && c <= 122;
  return isWordCode(c) && !isUpperCode(c) && !(c >= 0x30 && c <= 0x39);
}

export function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x200a;
}

/** Opening or closing marks of any family, and the straight ones that can be either. */
export function isMarkCode(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0xab || c === 0xbb || (c >= 0x2018 && c <= 0x201e);
}

export function isSentenceEndCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63; // . ! ?
}

/**
 * Whether the newline at `nl` starts a new paragraph. Blank lines always do. A single newline
 * does when the line before ends a sentence and the next starts like one: texts with one line
 * per paragraph are common, and hard-wrapped lines rarely end that way.
 */
export function isParagraphBreak(text: string, nl: number, next: number, newlines: number): boolean {
  if (newlines >= 2) return true;
  if (next >= text.length) return true;
  let p = nl - 1;
  while (p >= 0 && isSpaceCode(text.charCodeAt(p))) p--;
  if (p < 0) return true;
  const before = text.charCodeAt(p);
  const ends = isSentenceEndCode(before) || before === 58 || isMarkCode(before) || before === 0x2026;
  const after = text.charCodeAt(next);
  return ends && (isUpperCode(after) || isMarkCode(after) || (after >= 48 && after <= 57));
}
