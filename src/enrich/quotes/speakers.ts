import { ORG_NOUNS, SPEAKER_NOUNS, TITLES } from './lexicon.js';
import type { Mentions } from './mentions.js';
import { nameLeft, nameRight, splitTitle, type Phrase } from './names.js';
import { endsSentence, isCap, isWord, lower, startsPara, type Tokens } from './tokens.js';
import { isAuxOrAdverb, speechVerb } from './verbs.js';

/**
 * Finds the phrase that names who spoke, from the tokens around a quote. Patterns, strongest first:
 * right after the quote (", Pompeo said", ", said Pompeo", ", according to the statement"),
 * then a speech verb earlier in the same sentence ("Pompeo told Fox News that “…”"), then a colon.
 */

const POST_WINDOW = 14;
const CLAUSE = /^(that|which|who|whom|whose|where|when|because|while|as|if|since|after|before|although)$/;

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
    return inverted(t, i + 1, lim); // "said Pompeo"
  }
  if (speechVerb(w) === 'participle') return null;
  // Otherwise the first finite speech verb, with its subject just before it.
  for (let v = i + 1; v < lim; v++) {
    if (!isWord(t, v)) {
      const dotAfterTitle = t.text.charCodeAt(t.start[v]) === 46 && v > i && /^(mr|mrs|ms|dr|sen|rep|gov|gen|lt|col|capt|sgt|prof|st)$/.test(lower(t, v - 1));
      if (t.text.charCodeAt(t.start[v]) !== 44 && !dotAfterTitle) return null;
      continue;
    }
    const lw = lower(t, v);
    if (CLAUSE.test(lw)) return null; // ", citing concerns that the US believes": another clause
    if (speechVerb(lw) !== 'finite') continue;
    const toks: number[] = [];
    for (let k = i; k <= v; k++) toks.push(k);
    return subjectBefore(t, toks, toks.length - 1);
  }
  return null;
}

/**
 * The speaker after an inverted verb. A role before the name gives way to the name: "said the
 * council's deputy president, Rhian Morgan", "said US climate envoy Rebecca Hale".
 */
function inverted(t: Tokens, k: number, lim: number): Phrase | null {
  const np = nameRight(t, k, lim);
  if (!np) return null;
  let j = np.end + 1;
  const roleOnly = np.phrase.kind === 'desc' || (np.phrase.kind === 'name' && splitTitle(np.phrase.words).name.length === 0);
  if (j < lim && t.text.charCodeAt(t.start[j]) === 44) {
    if (!roleOnly) return np.phrase; // "said Alexandria Ocasio-Cortez, D-N.Y."
    j++;
  } else if (np.phrase.kind === 'name') {
    while (j < lim && j <= np.end + 3 && isWord(t, j) && !isCap(t, j) && !CLAUSE.test(lower(t, j)) && !speechVerb(lower(t, j))) j++;
    if (j === np.end + 1) return np.phrase;
  }
  if (j < lim && isWord(t, j) && isCap(t, j)) {
    const name = nameRight(t, j, lim);
    if (name && name.phrase.kind === 'name') return name.phrase;
  }
  return np.phrase;
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
    // "called the decision “…”" frames a quote only right before it ("a company called X" does not).
    const form = speechVerb(w) ?? (/^(called|calls|call)$/.test(w) && p >= toks.length - 5 ? 'finite' : undefined);
    if (!form) continue;
    const subj = subjectBefore(t, toks, p);
    if (subj) return subj;
    if (form === 'participle' && p > 0 && t.text.charCodeAt(t.start[toks[p - 1]]) === 44) {
      // ", saying …": the speaker is the subject of the main clause.
      const main = mainSubject(t, toks.slice(0, p - 1));
      if (main) return main;
    }
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
    // "Smith, the mayor, said" names Smith; "Its general secretary, Neil Barton, said" names Barton.
    if (q > 0 && isWord(t, toks[q - 1]) && isCap(t, toks[q - 1])) {
      const inner = nameLeft(t, toks[q - 1], toks[0]);
      if (inner && inner.kind === 'name' && t.text.charCodeAt(t.start[toks[Math.max(0, q - 1 - inner.words.length)]]) === 44) return inner;
    }
    let m = q - 1;
    while (m >= 0 && m > q - 12 && isWord(t, toks[m])) m--;
    if (m >= 0 && m < q - 1 && t.text.charCodeAt(t.start[toks[m]]) === 44 && m > 0) k = toks[m - 1];
    else return null;
  }
  if (/^(and|but|or)$/.test(lower(t, k))) return null;
  return nameLeft(t, k, toks[0]);
}

/** The subject of a sentence that ends in a colon: "Smith was blunt: “…”". */
export function colonSubject(t: Tokens, toks: number[]): Phrase | null {
  return attributionBefore(t, toks) ?? mainSubject(t, toks);
}

const FINITE_AUX = /^(has|had|have|was|were|is|are|will|would|could|can|did|does|do|struck|made|gave|put|took|kept)$/;

/**
 * The subject of a sentence's main clause: the last name or pronoun followed (past an apposition)
 * by a verb, as in "Asked about the deadline, Holloway was brief".
 */
export function mainSubject(t: Tokens, toks: number[]): Phrase | null {
  let found: Phrase | null = null;
  for (let p = 0; p < toks.length; p++) {
    const i = toks[p];
    if (!isWord(t, i) || (!isCap(t, i) && !PRONOUN_RE.test(lower(t, i)))) continue;
    const np = nameRight(t, i, toks[toks.length - 1] + 1);
    if (!np || np.phrase.kind === 'desc') continue;
    let k = toks.indexOf(np.end) + 1;
    if (k > 0 && k < toks.length && t.text.charCodeAt(t.start[toks[k]]) === 44) {
      let m = k + 1;
      while (m < toks.length && m < k + 12 && isWord(t, toks[m])) m++;
      k = m < toks.length && t.text.charCodeAt(t.start[toks[m]]) === 44 ? m + 1 : k;
    }
    while (k > 0 && k < toks.length && isWord(t, toks[k]) && isAuxOrAdverb(lower(t, toks[k])) && !FINITE_AUX.test(lower(t, toks[k]))) k++;
    if (k > 0 && k < toks.length && isWord(t, toks[k])) {
      const v = lower(t, toks[k]);
      if (FINITE_AUX.test(v) || speechVerb(v) === 'finite' || (v.length > 4 && v.endsWith('ed'))) found = np.phrase;
    }
    p = Math.max(p, toks.indexOf(np.end));
  }
  return found;
}

const PRONOUN_RE = /^(he|she|it|they|we|i)$/;

/** Sentence tokens before `o` (exclusive), skipping over earlier quotes, within the paragraph. */
export function sentenceBefore(
  t: Tokens, o: number, jumpQuote: (tokenIndex: number) => { to: number; endsSentence: boolean } | null,
  /** Whether `o` may open a paragraph (when reading the sentence before a quote's own). */
  acrossParagraph = false,
  /** Receives where the sentence starts, counting quotes skipped over. */
  reach?: { start: number },
): number[] {
  const out: number[] = [];
  let j = o - 1;
  if (startsPara(t, o) && !acrossParagraph) return out;
  while (j >= 0 && out.length < 80) {
    const jump = jumpQuote(j);
    if (jump) {
      if (jump.endsSentence) break;
      if (reach) reach.start = t.start[jump.to];
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
      const named = /^the\s/i.test(p.text) ? m.named(p.head) : null;
      if (named && !GENERIC_ORG.has(p.head)) return named;
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
