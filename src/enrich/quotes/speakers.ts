import { GROUP_NOUNS, KIN_NOUNS, ORG_NOUNS, SPEAKER_NOUNS, TITLES } from './lexicon.js';
import type { Mentions } from './mentions.js';
import { isOrgName, nameLeft, nameRight, splitTitle, type Phrase } from './names.js';
import { endsSentence, isCap, isWord, lower, startsPara, word, type Tokens } from './tokens.js';
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
  let lim = Math.min(hi, from + POST_WINDOW);
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
    if (RELATIVE.test(lw) && v > i && t.text.charCodeAt(t.start[v - 1]) === 44) {
      // "van Kessel, who chairs the committee, told reporters": step over the relative clause.
      const close = clauseEnd(t, v, hi);
      if (close < 0) return null;
      lim = Math.min(hi, lim + (close - v) + 1);
      v = close;
      continue;
    }
    if (CLAUSE.test(lw)) return null; // ", citing concerns that the US believes": another clause
    if (speechVerb(lw) !== 'finite') continue;
    const toks: number[] = [];
    for (let k = i; k <= v; k++) toks.push(k);
    return subjectBefore(t, toks, toks.length - 1);
  }
  return null;
}

const RELATIVE = /^(who|which|whose|whom|where)$/;

/** The comma that closes a relative clause opened at token v, or -1 within a bounded reach. */
function clauseEnd(t: Tokens, v: number, hi: number): number {
  for (let k = v + 1; k < hi && k < v + 25; k++) {
    if (startsPara(t, k) || endsSentence(t, k)) return -1;
    if (t.text.charCodeAt(t.start[k]) === 44) return k;
  }
  return -1;
}

/** A bare group noun as a speaker: "police said", "say midwives". */
function group(t: Tokens, k: number): Phrase | null {
  if (!isWord(t, k)) return null;
  const w = lower(t, k);
  return GROUP_NOUNS.has(w) ? { kind: 'desc', text: word(t, k), head: w } : null;
}

/**
 * The speaker after an inverted verb. A role before the name gives way to the name: "said the
 * council's deputy president, Rhian Morgan", "said US climate envoy Rebecca Hale".
 */
function inverted(t: Tokens, k: number, lim: number): Phrase | null {
  const g = isWord(t, k) && !isCap(t, k) ? group(t, k) : null;
  if (g) return g;
  const np = nameRight(t, k, lim);
  if (!np) {
    // "said opposition environment spokeswoman Carys Hughes": lowercase role words before a name.
    let j = k;
    while (j < lim && j < k + 5 && isWord(t, j) && !isCap(t, j) && !CLAUSE.test(lower(t, j)) && !speechVerb(lower(t, j))) j++;
    if (j > k && j < lim && isWord(t, j) && isCap(t, j)) {
      const name = nameRight(t, j, lim);
      if (name && name.phrase.kind === 'name') return name.phrase;
    }
    return null;
  }
  let j = np.end + 1;
  const roleOnly = np.phrase.kind === 'desc' || (np.phrase.kind === 'name' && splitTitle(np.phrase.words).name.length === 0);
  if (j < lim && t.text.charCodeAt(t.start[j]) === 44) {
    if (!roleOnly) return np.phrase; // "said Alexandria Ocasio-Cortez, D-N.Y."
    j++;
  } else if (np.phrase.kind === 'name') {
    while (j < lim && j <= np.end + 3 && isWord(t, j) && !isCap(t, j) && !CLAUSE.test(lower(t, j)) && !speechVerb(lower(t, j))) j++;
    if (j === np.end + 1) return np.phrase;
  } else if (roleOnly) {
    // "said the work and pensions minister, Alistair Penrose": the role runs on to a comma.
    let r = j;
    while (r < lim && r <= np.end + 6 && isWord(t, r) && !isCap(t, r) && !CLAUSE.test(lower(t, r)) && !speechVerb(lower(t, r))) r++;
    if (r < lim && t.text.charCodeAt(t.start[r]) === 44) j = r + 1;
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
    if (w === 'saying' && p >= 2 && lower(t, toks[p - 1]) === 'as') {
      // "Lord Harrington was quoted (by the newspaper X) as saying that …": the subject of "quoted".
      for (let q = p - 2; q >= 0 && q >= p - 12; q--) {
        if (isWord(t, toks[q]) && lower(t, toks[q]) === 'quoted') {
          const subj = subjectBefore(t, toks, q, true);
          if (subj) return subj;
          break;
        }
      }
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

const PASSIVE_AUX = /^(was|were|is|are|be|been|being)$/;

function subjectBefore(t: Tokens, toks: number[], p: number, passiveOk = false): Phrase | null {
  let q = p - 1;
  while (q >= 0 && isWord(t, toks[q]) && isAuxOrAdverb(lower(t, toks[q]))) q--;
  if (q < 0) return null;
  // "The government was criticised": a passive speech verb says nothing about its subject's words.
  if (!passiveOk && p > 0 && isWord(t, toks[p - 1]) && PASSIVE_AUX.test(lower(t, toks[p - 1])) && /(?:ed|told|said|written)$/.test(lower(t, toks[p]))) return null;
  let k = toks[q];
  if (t.text.charCodeAt(t.start[k]) === 44) {
    // "Smith, the mayor, said" names Smith; "Its general secretary, Neil Barton, said" names Barton.
    if (q > 0 && isWord(t, toks[q - 1]) && isCap(t, toks[q - 1])) {
      const inner = nameLeft(t, toks[q - 1], toks[0]);
      if (inner && inner.kind === 'name' && t.text.charCodeAt(t.start[toks[Math.max(0, q - 1 - inner.words.length)]]) === 44) return inner;
    }
    // Step back over up to three comma-delimited pieces (", 36,", ", who has …,", ", the mayor,").
    let c = q;
    let found = -1;
    for (let seg = 0; seg < 3 && found < 0; seg++) {
      let m = c - 1;
      while (m >= 0 && m > c - 20 && isWord(t, toks[m])) m--;
      if (m <= 0 || m >= c - 1 || t.text.charCodeAt(t.start[toks[m]]) !== 44) return null;
      const cand = nameLeft(t, toks[m - 1], toks[0]);
      if (cand && (cand.kind !== 'desc' || personish(cand))) found = m - 1;
      else if (!(isWord(t, toks[m - 1]) && /^\d+$/.test(lower(t, toks[m - 1])))) {
        if (cand) found = m - 1;
      }
      c = m;
    }
    if (found < 0) return null;
    k = toks[found];
  }
  if (/^(and|but|or)$/.test(lower(t, k))) return null;
  return withAffiliation(t, nameLeft(t, k, toks[0]) ?? group(t, k), k, toks[0]);
}

function personish(p: Phrase): boolean {
  return p.kind === 'desc' && (SPEAKER_NOUNS.has(p.head) || TITLES.has(p.head) || KIN_NOUNS.has(p.head) || GROUP_NOUNS.has(p.head));
}

/**
 * "Detective Sergeant Liam Forde of the regional fraud unit said", "Jon Pereira of Castle Research
 * said": the person before "of"/"at" is the subject, not the body they belong to.
 */
function withAffiliation(t: Tokens, ph: Phrase | null, k: number, lo: number): Phrase | null {
  if (ph && ph.kind === 'pronoun') return ph;
  if (ph && ph.kind === 'name' && !isOrgName(ph.words) && !(ph.words.length === 1 && !isCap(t, k))) {
    // A one-word run may still be an organisation after "of": look further only for orgs.
    if (splitTitle(ph.words).title.length > 0 || ph.words.length > 1) return ph;
  }
  for (let j = k - 1; j > lo && j >= k - 8; j--) {
    if (!isWord(t, j)) return ph;
    if (/^(of|at|from)$/.test(lower(t, j))) {
      const who = nameLeft(t, j - 1, lo);
      if (who && who.kind === 'name') {
        const { title, name } = splitTitle(who.words);
        if (!isOrgName(name) && (title.length > 0 || (name.length >= 2 && name.length <= 4))) return who;
      }
      return ph;
    }
  }
  return ph;
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
      if (p.word === 'he' || p.word === 'she') return m.pronoun(p.word);
      if (p.word === 'it') return lastOrgSpeaker ?? m.lastOrg;
      return null;
    case 'desc': {
      if (GROUP_NOUNS.has(p.head) && !/^(the|a|an|his|her|its|their)\s/i.test(p.text)) return p.text;
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
      // "his mother", "her lawyer": a person the text describes but does not name.
      if (/^(his|her|their)\s/i.test(p.text) && (KIN_NOUNS.has(p.head) || SPEAKER_NOUNS.has(p.head))) return m.byRole(p.head) ?? p.text;
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
