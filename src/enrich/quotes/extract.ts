import { isSpaceCode } from './chars.js';
import { scanQuotes, type MarkedQuote } from './marks.js';
import { Mentions } from './mentions.js';
import { isOrgName, splitTitle, type Phrase } from './names.js';
import { endsTerminal, isSpeech, startsLower } from './speech.js';
import { attributionAfter, attributionBefore, colonSubject, coordinatedVerb, resolve, sentenceBefore } from './speakers.js';
import { nameRight } from './names.js';
import { endsSentence, isWord, lower, startsPara, tokenAt, tokenize, MARK, type Tokens } from './tokens.js';
import { speechVerb } from './verbs.js';
import { ORG_NOUNS } from './lexicon.js';

/** A quote found in the text, before ranking. */
export interface Found {
  spans: [number, number][];
  text: string;
  speaker: string | null;
  partial: boolean;
  /** How the speaker was found; ranking trusts a named speaker over an inherited one. */
  via: 'after' | 'inside' | 'before' | 'colon' | 'previous' | 'none';
  orgSpeaker: boolean;
}

interface Candidate extends MarkedQuote {
  /** Tokens of the attribution between the two halves of a split quote. */
  inner: [number, number] | null;
  openTok: number;
  closeTok: number;
}

export function findQuotes(text: string): Found[] {
  const marked = scanQuotes(text);
  if (marked.length === 0) return [];
  const t = tokenize(text);
  const byClose = new Map<number, { open: number; ends: boolean }>();
  for (const q of marked) {
    const last = q.spans[q.spans.length - 1];
    byClose.set(tokenAt(t, q.close), { open: tokenAt(t, q.open), ends: /[.!?]$/.test(text.slice(last[0], last[1])) });
  }
  const jump = (j: number) => {
    const hit = byClose.get(j);
    return hit ? { to: hit.open, endsSentence: hit.ends } : null;
  };
  const cands = mergeSplit(t, marked);
  const quoted = quotedTest(marked);
  const m = new Mentions(t, quoted);
  const out: Found[] = [];
  let prev: { close: number; speaker: string | null } | null = null;
  let orgSpeaker: { name: string; at: number } | null = null;
  let interviewee: string | null = null;

  for (const q of cands) {
    m.advance(q.open);
    const postEnd = postLimit(t, q.closeTok + 1);
    const pre = sentenceBefore(t, q.openTok, jump);
    const standsAlone = pre.length === 0 || /^[,:—–-]$/.test(word(t, pre[pre.length - 1]));
    const after = q.inner ? attributionAfter(t, q.inner[0], q.inner[1]) : attributionAfter(t, q.closeTok + 1, postEnd);
    const qtext = q.spans.map(([s, e]) => text.slice(s, e)).join(' ');
    if (!isSpeech(qtext, standsAlone, after !== null)) continue;

    let phrase: Phrase | null = after;
    let via: Found['via'] = after ? (q.inner ? 'inside' : 'after') : 'none';
    if (!phrase && pre.length > 0) {
      const colon = word(t, pre[pre.length - 1]) === ':';
      phrase = colon ? colonSubject(t, pre.slice(0, -1)) : attributionBefore(t, pre);
      if (phrase) via = colon ? 'colon' : 'before';
    }
    if (!phrase && pre.length > 0 && coordinatedVerb(t, q.closeTok + 1, postEnd)) {
      // "Delaney called the deal “…” and said": the verb after the quote shares the sentence's subject.
      phrase = colonSubject(t, pre);
      if (phrase) via = 'before';
    }
    let speaker: string | null = null;
    if (phrase) speaker = resolve(phrase, m, latestOrg(m, orgSpeaker));
    if (phrase && phrase.kind === 'pronoun' && (phrase.word === 'he' || phrase.word === 'she') && via !== 'before') {
      // "X told the court that Y … “…,” he said": the pronoun is the subject of the sentence
      // that introduced the quote, not whoever that sentence mentioned last.
      const intro = introducer(t, pre.length > 0 ? pre[0] : q.openTok, jump, m, latestOrg(m, orgSpeaker));
      if (intro && !m.clashes(intro, phrase.word)) speaker = intro;
      if (speaker) m.learnGender(speaker, phrase.word);
    }
    if (!phrase && standsAlone && endsTerminal(qtext)) {
      // "“…” That was the verdict of Dr Jane Roe": the speaker is named in the next sentence.
      const next = nextSentenceSpeaker(t, q.closeTok + 1);
      if (next) {
        phrase = next;
        speaker = resolve(next, m, latestOrg(m, orgSpeaker));
        via = 'after';
      }
    }
    if (!phrase && !speaker && standsAlone && answersQuestion(t, q.openTok, jump)) {
      // An interview set out as question and answer: the answers are the interviewee's.
      interviewee ??= m.lastPerson;
      if (interviewee) {
        speaker = interviewee;
        via = 'previous';
      }
    }
    if (!phrase && !speaker && standsAlone) {
      const got = fromPreviousSentence(t, pre.length > 0 ? pre[0] : q.openTok, jump, prev, m, latestOrg(m, orgSpeaker));
      if (got) {
        speaker = got;
        via = 'previous';
      }
    }
    const isOrg = speaker !== null && phrase !== null && orgLike(phrase, m);
    if (speaker && isOrg) orgSpeaker = { name: speaker, at: q.close };
    else if (speaker && phrase) m.lastPerson = speaker;

    out.push({
      spans: q.spans,
      text: qtext,
      speaker,
      partial: isPartial(t, q, qtext, pre),
      via,
      orgSpeaker: isOrg,
    });
    prev = { close: q.close, speaker };
  }
  return out;
}

function word(t: Tokens, i: number): string {
  return t.text.slice(t.start[i], t.end[i]);
}

function latestOrg(m: Mentions, said: { name: string; at: number } | null): string | null {
  if (said && said.at > m.lastOrgAt) return said.name;
  return m.lastOrg ?? said?.name ?? null;
}

function orgLike(p: Phrase, m: Mentions): boolean {
  if (p.kind === 'pronoun') return p.word === 'it';
  if (p.kind === 'desc') return ORG_NOUNS.has(p.head);
  const { title, name } = splitTitle(p.words);
  if (title.length > 0) return false;
  if (isOrgName(name)) return true;
  return name.length === 1 && !m.isKnownPerson(name[0]);
}

/** Tokens after a closing mark that may hold its attribution: up to the sentence's end. */
function postLimit(t: Tokens, from: number): number {
  let k = from;
  while (k < t.count && k < from + 48) {
    if (startsPara(t, k)) break;
    if ((t.flags[k] & MARK) !== 0 && k > from) break;
    if (endsSentence(t, k)) break;
    k++;
  }
  return k;
}

/**
 * “A,” he said, “B.” is one quote in two pieces. Join a quote with the next when the first piece
 * does not end its sentence and only a short attribution ending in a comma or colon separates them.
 */
function mergeSplit(t: Tokens, marked: MarkedQuote[]): Candidate[] {
  const out: Candidate[] = [];
  for (const q of marked) {
    const cand: Candidate = { ...q, spans: [...q.spans], inner: null, openTok: tokenAt(t, q.open), closeTok: tokenAt(t, q.close) };
    const last = out[out.length - 1];
    if (last && last.inner === null && joins(t, last, cand)) {
      last.inner = [last.closeTok + 1, cand.openTok];
      last.spans.push(...cand.spans);
      last.close = cand.close;
      last.closeTok = cand.closeTok;
      continue;
    }
    out.push(cand);
  }
  return out;
}

function joins(t: Tokens, a: Candidate, b: Candidate): boolean {
  const gap = b.openTok - a.closeTok - 1;
  if (gap < 2 || gap > 30) return false;
  const lastSpan = a.spans[a.spans.length - 1];
  if (/[.!?]$/.test(t.text.slice(lastSpan[0], lastSpan[1]))) return false;
  const sep = t.text.charCodeAt(t.start[b.openTok - 1]);
  if (sep !== 44 && sep !== 58 && sep !== 0x2014 && sep !== 0x2013) return false;
  for (let k = a.closeTok + 1; k < b.openTok; k++) {
    if (startsPara(t, k) || endsSentence(t, k)) return false;
  }
  let verb = false;
  for (let k = a.closeTok + 1; k < b.openTok; k++) if (isWord(t, k) && speechVerb(lower(t, k))) verb = true;
  return verb && attributionAfter(t, a.closeTok + 1, b.openTok) !== null;
}

function quotedTest(marked: MarkedQuote[]): (pos: number) => boolean {
  let p = 0;
  // Queries come in increasing order, so one pointer serves them all.
  return (pos) => {
    while (p < marked.length && marked[p].close < pos) p++;
    return p < marked.length && marked[p].open <= pos;
  };
}

/**
 * A quote that opens its own sentence and names no speaker continues the one before it
 * (the news convention) or is introduced by the sentence before ("Pompeo warned: …").
 */
function fromPreviousSentence(
  t: Tokens, first: number, jump: (j: number) => { to: number; endsSentence: boolean } | null,
  prev: { close: number; speaker: string | null } | null, m: Mentions, org: string | null,
): string | null {
  let j = first - 1;
  if (j >= 0 && jump(j)) {
    // The previous sentence was (or ended with) a quote: the same voice goes on.
    return prev && prev.close === t.start[j] ? prev.speaker : null;
  }
  while (j >= 0 && endsSentence(t, j)) j--;
  if (j < 0) return null;
  if (jump(j)) return prev && prev.close === t.start[j] ? prev.speaker : null;
  const reach = { start: t.start[j] };
  const toks = sentenceBefore(t, j + 1, jump, true, reach);
  if (toks.length === 0) return null;
  const startPos = Math.min(t.start[toks[0]], reach.start);
  if (prev && prev.close >= startPos && prev.speaker) return prev.speaker;
  const last = word(t, toks[toks.length - 1]);
  const phrase = last === ':' ? colonSubject(t, toks.slice(0, -1)) : attributionBefore(t, toks);
  return phrase ? resolve(phrase, m, org) : null;
}

function isPartial(t: Tokens, q: Candidate, qtext: string, pre: number[]): boolean {
  if (startsLower(qtext)) return true;
  if (pre.length === 0) return false;
  const before = word(t, pre[pre.length - 1]);
  if (/^[,:—–-]$/.test(before) || speechVerb(before.toLowerCase()) || /^that$/i.test(before)) return false;
  // Capitalised words running on into the reporter's sentence: “Project Fear” tactics.
  const after = q.closeTok + 1 < t.count ? t.text.charCodeAt(t.start[q.closeTok + 1]) : 32;
  return !endsTerminal(qtext) && !isSpaceCode(after) && after >= 97 && after <= 122;
}

type Jump = (j: number) => { to: number; endsSentence: boolean } | null;

/**
 * The speaker named by the sentence just before the one holding the quote, in the same
 * paragraph, when that sentence has a speech verb with a named subject.
 */
function introducer(t: Tokens, first: number, jump: Jump, m: Mentions, org: string | null): string | null {
  const j = first - 1;
  if (j < 0 || startsPara(t, first) || !endsSentence(t, j) || jump(j)) return null;
  const toks = sentenceBefore(t, j, jump);
  if (toks.length === 0) return null;
  const phrase = attributionBefore(t, toks);
  if (!phrase || phrase.kind === 'pronoun') return null;
  return resolve(phrase, m, org);
}

/** Whether the quote opens a paragraph that follows a paragraph ending in a question, with no quote in it. */
function answersQuestion(t: Tokens, open: number, jump: Jump): boolean {
  if (!startsPara(t, open) || open === 0) return false;
  const j = open - 1;
  if (t.text.charCodeAt(t.start[j]) !== 63 || jump(j)) return false;
  for (let k = j; k >= 0 && k > j - 60; k--) {
    if ((t.flags[k] & MARK) !== 0) return false;
    if (startsPara(t, k)) return true;
  }
  return false;
}

const NEXT_OPENERS = /^(that|this|those|these|such|so)$/;

/**
 * "“…” That was the assessment of Dr Helena Marsh", "“…” Those were the words of the mayor",
 * "“…” So said the judge": a demonstrative sentence right after the quote that names its source.
 */
function nextSentenceSpeaker(t: Tokens, from: number): Phrase | null {
  if (from >= t.count || startsPara(t, from) || !isWord(t, from) || !NEXT_OPENERS.test(lower(t, from))) return null;
  for (let k = from + 1; k < t.count && k < from + 10; k++) {
    if (!isWord(t, k) || endsSentence(t, k)) return null;
    const w = lower(t, k);
    if (/^(of|from|by)$/.test(w) || speechVerb(w) === 'finite') {
      const np = nameRight(t, k + 1, Math.min(t.count, k + 12));
      return np && np.phrase.kind !== 'pronoun' ? np.phrase : null;
    }
  }
  return null;
}