import { DETERMINERS, HONORIFICS, NAME_LINKS, ORG_WORDS, PRONOUNS, STOPWORDS, TITLES, TITLE_LINKS } from './lexicon.js';
import { speechVerb } from './verbs.js';
import { isCap, isWord, lower, startsPara, word, type Tokens } from './tokens.js';

/**
 * Noun phrases that can name a speaker, read from the tokens on either side of a speech verb:
 * a capitalised run ("Treasury Secretary Steven Mnuchin"), a pronoun, or a descriptor
 * ("the company", "a spokeswoman for the council").
 */
export type Phrase =
  | { kind: 'name'; words: string[] }
  | { kind: 'pronoun'; word: string }
  | { kind: 'desc'; text: string; head: string };

const LINKS = new Set([...NAME_LINKS, ...TITLE_LINKS]);

/** "Secretary of State", "Ministry of Health" link; "Jon Pereira of Castle Research" does not. */
function links(t: Tokens, link: number, capBefore: number): boolean {
  const w = lower(t, link);
  if (w === 'and' || !LINKS.has(w)) return false;
  if (!TITLE_LINKS.has(w) || NAME_LINKS.has(w) && w !== 'of' && w !== 'for') return true;
  const before = lower(t, capBefore);
  return TITLES.has(before) || ORG_WORDS.has(before);
}

function stripPossessive(w: string): string {
  return w.replace(/['’]s?$/, '');
}

/** "Mr.", "Sen.", "Rep.", "Gov.": a dot that does not end the name. */
function isAbbrevTitle(w: string): boolean {
  return HONORIFICS.has(w) || (TITLES.has(w) && w.length <= 5);
}

function isDot(t: Tokens, i: number): boolean {
  return t.text.charCodeAt(t.start[i]) === 46 && t.end[i] - t.start[i] === 1;
}

/** Capitalised run ending at token k, walking left. */
export function nameLeft(t: Tokens, k: number, lo: number): Phrase | null {
  if (k < lo || !isWord(t, k)) return null;
  const w = lower(t, k);
  if (PRONOUNS.has(w)) return { kind: 'pronoun', word: w };
  if (!isCap(t, k)) return descLeft(t, k, lo);
  let j = k;
  while (j > lo && !startsPara(t, j)) {
    const p = j - 1;
    if (isWord(t, p) && isCap(t, p)) j = p;
    else if (isWord(t, p) && p > lo && isCap(t, p - 1) && isWord(t, p - 1) && links(t, p, p - 1)) j = p - 1;
    else if (isDot(t, p) && p > lo && isAbbrevTitle(lower(t, p - 1)) && j === p + 1) j = p - 1;
    else break;
  }
  return makeName(t, j, k);
}

/** Capitalised run (or descriptor) starting at token k, walking right. */
export function nameRight(t: Tokens, k: number, hi: number): { phrase: Phrase; end: number } | null {
  if (k >= hi || !isWord(t, k)) return null;
  const w = lower(t, k);
  if (PRONOUNS.has(w)) return { phrase: { kind: 'pronoun', word: w }, end: k };
  if (!isCap(t, k) || DETERMINERS.has(w)) return descRight(t, k, hi);
  let j = k;
  while (j + 1 < hi && !startsPara(t, j + 1)) {
    const n = j + 1;
    if (isWord(t, n) && isCap(t, n)) j = n;
    else if (isWord(t, n) && n + 1 < hi && isCap(t, n + 1) && isWord(t, n + 1) && links(t, n, j)) j = n + 1;
    else if (isDot(t, n) && isAbbrevTitle(lower(t, j)) && n + 1 < hi && isCap(t, n + 1) && isWord(t, n + 1)) j = n + 1;
    else break;
  }
  const phrase = makeName(t, k, j);
  return phrase ? { phrase, end: j } : null;
}

function makeName(t: Tokens, from: number, to: number): Phrase | null {
  const words: string[] = [];
  for (let i = from; i <= to; i++) {
    if (!isWord(t, i)) continue;
    // "Sen. Dale Prentiss", "U.S. District Judge": keep the abbreviation's dot as written.
    const dot = i + 1 <= to && isDot(t, i + 1) && t.end[i] === t.start[i + 1];
    words.push(dot ? word(t, i) + '.' : word(t, i));
  }
  // "The", "In", "Speaking" open sentences, not names.
  while (words.length > 1 && STOPWORDS.has(words[0].toLowerCase())) words.shift();
  // "TikTok’s parent company": the possessor is not the speaker; the name after it is.
  const poss = words.findIndex((x, i) => i < words.length - 1 && /['’]s$/.test(x));
  if (poss >= 0) words.splice(0, poss + 1);
  if (words.length === 0) return null;
  if (words.length === 1 && STOPWORDS.has(words[0].toLowerCase())) return null;
  words[words.length - 1] = stripPossessive(words[words.length - 1]);
  return { kind: 'name', words };
}

function descLeft(t: Tokens, k: number, lo: number): Phrase | null {
  const head = lower(t, k);
  for (let j = k - 1; j >= lo && j >= k - 4; j--) {
    if (!isWord(t, j)) return null;
    if (DETERMINERS.has(lower(t, j))) {
      let from = j;
      // "a spokesman for the ministry": step over the "for the ministry" part to the real head.
      if (from - 2 >= lo && /^(for|of|at)$/.test(lower(t, from - 1)) && isWord(t, from - 2)) {
        for (let m = from - 2; m >= lo && m >= from - 5; m--) {
          if (!isWord(t, m)) break;
          if (DETERMINERS.has(lower(t, m))) return desc(t, m, k, lower(t, from - 2));
        }
      }
      return desc(t, from, k, head);
    }
  }
  return null;
}

function descRight(t: Tokens, k: number, hi: number): { phrase: Phrase; end: number } | null {
  if (!DETERMINERS.has(lower(t, k))) return null;
  let j = k + 1;
  let head = -1;
  let frozen = false;
  while (j < hi && j <= k + 7 && isWord(t, j)) {
    const w = lower(t, j);
    if (j > k + 1 && /^(for|of|at)$/.test(w) && head >= 0) {
      // "a spokeswoman for the Rail Operators Group": the head is the person, not the group.
      frozen = true;
      j++;
      continue;
    }
    if (/^(on|in|who|which|that|and|but|as|with|after|before|when|during)$/.test(w) || speechVerb(w) === 'finite') break;
    if (isCap(t, j) && head >= 0 && !frozen && !isCap(t, head)) {
      // "the chef Owen Ferriter", "the former champion Viktor Lind": the role gives way to the name.
      const name = nameRight(t, j, hi);
      if (name && name.phrase.kind === 'name') return name;
    }
    if (!frozen) head = j;
    j++;
  }
  const end = j - 1;
  if (end <= k || head < 0) return null;
  return { phrase: desc(t, k, end, lower(t, head)), end };
}

function desc(t: Tokens, from: number, to: number, head: string): Phrase {
  return { kind: 'desc', text: t.text.slice(t.start[from], t.end[to]), head: stripPossessive(head) };
}

/** Splits "US Secretary of State Mike Pompeo" into its title and its name. */
export function splitTitle(words: string[]): { title: string[]; name: string[] } {
  // The title runs to the last title word that still leaves a name of one to three words:
  // "Senate Minority Leader Mitch McConnell", "NASA Administrator Bill Nelson".
  let last = -1;
  for (let i = 0; i < words.length - 1 && i < 8; i++) {
    const w = words[i].toLowerCase().replace(/\.$/, '');
    if ((TITLES.has(w) || HONORIFICS.has(w)) && words.length - i - 1 <= 3) last = i;
  }
  if (last < 0 && words.length === 1 && HONORIFICS.has(words[0].toLowerCase().replace(/\.$/, ''))) last = 0;
  const bare = (w: string): string => w.toLowerCase().replace(/\.$/, '');
  const lone = words.length > 0 && TITLES.has(bare(words[words.length - 1]));
  if (lone && words.every((w) => TITLES.has(bare(w)) || TITLE_LINKS.has(bare(w)) || /^[A-Z]{2,4}$/.test(w))) {
    return { title: words, name: [] }; // "Prime Minister", "US Secretary of State"
  }
  return { title: words.slice(0, last + 1), name: words.slice(last + 1) };
}

export function isOrgName(words: string[]): boolean {
  return words.some((w) => ORG_WORDS.has(w.toLowerCase()));
}

export function hasHonorificOrTitle(words: string[]): boolean {
  return splitTitle(words).title.length > 0;
}
