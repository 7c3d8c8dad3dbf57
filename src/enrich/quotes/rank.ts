import type { Found } from './extract.js';
import { words } from './speech.js';

/**
 * Scores a quote as a "key quote": a complete, self-contained statement of 8-40 words by a
 * named person reads best in a digest; fragments, unattributed quotes and corporate boilerplate
 * read worst.
 */

const BOILERPLATE = new RegExp(
  [
    'we (?:welcome|remain|are (?:fully )?committed|take .{0,40} seriously|look forward|are (?:proud|pleased|delighted|excited))',
    'declined? to comment', 'no further comment', 'our thoughts (?:are|go)', 'thank(?:s| you) (?:to )?(?:everyone|all)',
    'committed to (?:providing|ensuring|working)', 'cannot comment', 'does not comment', 'ongoing (?:discussions|investigation)',
  ].join('|'),
  'i',
);

const DEPENDENT = /^[^\p{L}]*(?:if|when|as|because|although|though|unless|while|whether|with|for|to|of|in|on|by|from|about|after|before|since|until|and|but|or|which|who|that|than)\b/iu;

function lengthScore(n: number): number {
  if (n < 4) return 0.1;
  if (n < 8) return 0.25 + 0.05 * (n - 4);
  if (n <= 20) return 0.5 + (0.5 * (n - 8)) / 12;
  if (n <= 40) return 1;
  return Math.max(0.5, 1 - (n - 40) / 80);
}

function speakerScore(q: Found): number {
  if (!q.speaker) return 0.3;
  // A statement from an organisation is usually prepared text; a named person's words carry the story.
  if (q.orgSpeaker) return 0.6;
  if (/^(a|an|one)\s/i.test(q.speaker)) return 0.55;
  const inherited = q.via === 'previous' ? 0.9 : 1;
  return (q.speaker.trim().split(/\s+/).length >= 2 ? 1 : 0.85) * inherited;
}

export function score(q: Found): number {
  const n = words(q.text).length;
  let s = lengthScore(n) * speakerScore(q);
  if (q.partial) s *= n >= 8 && /[.!?…,]$/.test(q.text.trim()) ? 0.85 : 0.6;
  // "if we consider…", "with respect to…": a dependent clause needs the reporter's sentence to make sense.
  if (q.partial && DEPENDENT.test(q.text)) s *= 0.7;
  if (/\[|\.\.\.|…/.test(q.text)) s *= 0.95; // edited by the reporter: less self-contained
  if (BOILERPLATE.test(q.text)) s *= 0.6;
  return Math.round(s * 1000) / 1000;
}

function wordSet(text: string): Set<string> {
  return new Set(words(text.toLowerCase()).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

export interface Ranked {
  text: string;
  speaker: string | null;
  score: number;
}

/**
 * Greedy choice: best score first, a speaker already chosen counts half, and a near-duplicate
 * of a chosen quote is skipped. Returns indices into `quotes`, in text order.
 */
export function choose(quotes: Ranked[], count: number): number[] {
  const chosen: number[] = [];
  const sets = quotes.map((q) => wordSet(q.text));
  const speakers = new Set<string>();
  while (chosen.length < count) {
    let best = -1, bestScore = -Infinity;
    for (let i = 0; i < quotes.length; i++) {
      if (chosen.includes(i)) continue;
      if (chosen.some((c) => overlap(sets[c], sets[i]) > 0.6)) continue;
      const sp = quotes[i].speaker?.toLowerCase();
      const s = quotes[i].score * (sp && speakers.has(sp) ? 0.5 : 1);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    const sp = quotes[best].speaker?.toLowerCase();
    if (sp) speakers.add(sp);
  }
  return chosen.sort((a, b) => a - b);
}
