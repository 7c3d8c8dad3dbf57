import { ORG_NOUNS, SPEAKER_NOUNS, TITLES } from './lexicon.js';
import type { Mentions } from './mentions.js';
import { nameLeft, nameRight, splitTitle, type Phrase } from './names.js';
import { endsSentence, isWord, lower, startsPara, type Tokens } from './tokens.js';
import { isAuxOrAdverb, speechVerb } from './verbs.js';

/**
 * Finds the phrase that names who spoke, from the tokens around a quote. Patterns, strongest first:
 * right after the quote (", Pompeo said", ", said Pompeo", ", according to the statement"),
 * then a speech verb earlier in the same sentence ("Pompeo told Fox News that “…”"), then a colon.
 */

const POST_WINDOW = 14;

const GENERIC_ORG = new Set([
  'company', 'firm', 'group', 'statement', 'business', 'agency', 'organisation', 'organization',
  'release', 'announcement', 'filing', 'airline', 'carmaker', 'retailer', 'bank', 'insurer', 'operator',
  'manufacturer', 'startup', 'platform', 'developer', 'publisher', 'broadcaster', 'brand', 'club', 'team',
  'charity', 'email', 'letter', 'post', 'memo', 'notice', 'website', 'network', 'studio', 'label',
]);

/**
 * ", he said" / ", said Pompeo" / ", according to X" / ", Veridian chief executive Rachel Stein
 * said", read from token `from` up to `hi` (the end of the sentence).
 */
export function attributionAfter(t: Tokens, from: number, hi: number): Phrase | null {
  let i = from;
  const lim = Math.min(hi, from + POST_WINDOW);
  while (i < lim && isDash(t, i)) i++;
  if (i >= lim || !isWord(t, i)) return null;
  const w = lower(t, i);
  if (w === 'according' && i + 1 < lim && lower(t, i + 1) === 'to') return nameRight(t, i + 2, lim)?.phrase ?? null;
  const form = speechVerb(w);
  if (form === 'finite' || form === 'base') {
    return nameRight(t, i + 1, lim)?.phrase ?? null; // inverted: "said Pompeo"
  }
  // Otherwise the first finite speech verb, with its subject just before it.
  for (let v = i + 1; v < lim; v++) {
    if (!isWord(t, v)) {
      if (t.text.charCodeAt(t.start[v]) !== 44) return null;
      continue;
    }
    if (speechVerb(lower(t, v)) !== 'finite') continue;
    const toks: number[] = [];
    for (let k = i; k <= v; k++) toks.push(k);
    return subjectBefore(t, toks, toks.length - 1);
  }
  return null;
}

/** "and said", "but added": a verb that shares the subject of the sentence before the quote. */
export function coordinatedVerb(t: Tokens, from: number, hi: number): boolean {
  let i = from;
  while (i < hi && isDash(t, i)) i++;
  if (i + 1 >= hi || !/^(and|but)$/.test(lower(t, i))) return false;
  let v = i + 1;
  while (v < hi && isWord(t, v) && isAuxOrAdverb(lower(t, v))) v++;
  return v < hi && speechVerb(lower(t, v)) === 'finite';
}

function isDash(t: Tokens, i: number): boolean {
  const c = t.text.charCodeAt(t.start[i]);
  return c === 44 || c === 0x2014 || c === 0x2013 || c === 45;
}

/**
 * A speech verb in the sentence before the quote, read right to left, with its subject:
 * "Mike Pompeo said that ... “", "Mr Pompeo told Fox News that “", "according to X, “".
 * Tokens inside earlier quotes were removed from `toks` by the caller.
 */
export function attributionBefore(t: Tokens, toks: number[]): Phrase | null {
  for (let p = toks.length - 1; p >= 0; p--) {
    const i = toks[p];
    if (!isWord(t, i)) continue;
    const w = lower(t, i);
    if (w === 'according' && p + 1 < toks.length && lower(t, toks[p + 1]) === 'to') {
      const np = nameRight(t, toks[p + 2] ?? t.count, t.count);
      if (np) return np.phrase;
      continue;
    }
    const form = speechVerb(w);
    if (!form) continue;
    const subj = subjectBefore(t, toks, p);
    if (subj) return subj;
    if (form !== 'participle' && p + 1 < toks.length) {
      const np = nameRight(t, toks[p + 1], t.count);
      if (np && np.phrase.kind !== 'desc') return np.phrase;
    }
  }
  return null;
}

function subjectBefore(t: Tokens, toks: number[], p: number): Phrase | null {
  let q = p - 1;
  while (q >= 0 && isWord(t, toks[q]) && isAuxOrAdverb(lower(t, toks[q]))) q--;
  if (q < 0) return null;
  let k = toks[q];
  if (t.text.charCodeAt(t.start[k]) === 44) {
    // "Smith, the mayor, said": step back over the apposition to the name.
    let m = q - 1;
    while (m >= 0 && m > q - 10 && isWord(t, toks[m])) m--;
    if (m >= 0 && m < q - 1 && t.text.charCodeAt(t.start[toks[m]]) === 44 && m > 0) k = toks[m - 1];
    else return null;
  }
  if (/^(and|but|or)$/.test(lower(t, k))) return null;
  return nameLeft(t, k, toks[0]);
}

/** The subject of a sentence that ends in a colon: "Smith was blunt: “…”". */
export function colonSubject(t: Tokens, toks: number[]): Phrase | null {
  const verb = attributionBefore(t, toks);
  if (verb) return verb;
  for (let p = 0; p < toks.length && p < 12; p++) {
    const i = toks[p];
    if (!isWord(t, i)) continue;
    const np = nameRight(t, i, toks[toks.length - 1] + 1);
    if (np && np.phrase.kind !== 'desc') return np.phrase;
    if (np && np.phrase.kind === 'desc') return np.phrase;
  }
  return null;
}

/** Sentence tokens before `o` (exclusive), skipping over earlier quotes, within the paragraph. */
export function sentenceBefore(
  t: Tokens, o: number, jumpQuote: (tokenIndex: number) => { to: number; endsSentence: boolean } | null,
  /** Whether `o` may open a paragraph (when reading the sentence before a quote's own). */
  acrossParagraph = false,
): number[] {
  const out: number[] = [];
  let j = o - 1;
  if (startsPara(t, o) && !acrossParagraph) return out;
  while (j >= 0 && out.length < 80) {
    const jump = jumpQuote(j);
    if (jump) {
      if (jump.endsSentence) break;
      j = jump.to - 1;
      if (startsPara(t, jump.to)) break;
      continue;
    }
    if (endsSentence(t, j)) break;
    out.push(j);
    if (startsPara(t, j)) break;
    j--;
  }
  return out.reverse();
}

/** Turns a phrase into a speaker name using what the text said before. Null when unsure. */
export function resolve(p: Phrase, m: Mentions, lastOrgSpeaker: string | null): string | null {
  switch (p.kind) {
    case 'pronoun':
      if (p.word === 'he' || p.word === 'she') return m.lastPerson;
      if (p.word === 'it') return lastOrgSpeaker ?? m.lastOrg;
      return null;
    case 'desc': {
      if (ORG_NOUNS.has(p.head)) {
        const org = lastOrgSpeaker ?? m.lastOrg;
        // "the company" is whichever company the text is about; "the regulator" may be a new party.
        if (GENERIC_ORG.has(p.head) || (org && org.toLowerCase().includes(p.head))) return org;
        return /^the\s/i.test(p.text) ? p.text : null;
      }
      const indefinite = /^(a|an|one)\s/i.test(p.text);
      if (SPEAKER_NOUNS.has(p.head) && indefinite) return p.text;
      if (TITLES.has(p.head) && !indefinite) return m.byRole(p.head);
      return null;
    }
    case 'name': {
      const { title, name } = splitTitle(p.words);
      if (name.length === 0) {
        const role = title[title.length - 1];
        return (role && m.byRole(role)) ?? title.join(' ');
      }
      const surname = name[name.length - 1];
      const own = name.length * 10 + title.filter((w) => !/^(mr|mrs|ms|miss|dr|mx)\.?$/i.test(w)).length;
      const best = m.fullest(surname);
      if (best && m.fullnessOf(surname) > own) return best;
      return p.words.join(' ');
    }
  }
}
