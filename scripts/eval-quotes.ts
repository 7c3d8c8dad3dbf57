import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractQuotes, type Quote } from '../src/enrich/quotes/index.js';

/**
 * Scores the quote extractor against the hand-labelled passages in test/fixtures/quotes (the main
 * set) and test/fixtures/quotes-heldout (written later, in styles the rules were not built on),
 * each reported on its own and then combined. A missing folder is skipped.
 *
 * Quote spans: a prediction matches a gold quote when their spans overlap by at least half the
 * gold quote's length (one to one, best overlap first). Precision, recall and F1 count matches.
 *
 * Speakers, on matched quotes only: names are compared after lower-casing, folding whitespace and
 * curly apostrophes, and dropping honorifics (Mr, Mrs, Ms, Dr), articles and possessive 's. A prediction is
 * right when its last word equals the gold speaker's last word and every word of the shorter name
 * appears in the longer one: "Mike Pompeo" = "US Secretary of State Mike Pompeo" = "Pompeo", but
 * not "Jane Pompeo". Unknown (null) is right only when the gold speaker is null too.
 */

export interface Gold {
  text: string;
  speaker: string | null;
}

export interface EvalResult {
  files: number;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  speakerCorrect: number;
  speakerAccuracy: number;
  misses: string[];
}

/** Finds gold text in the passage; a split quote is found as its longest leading piece, then the rest. */
export function locate(text: string, gold: string, from = 0): [number, number][] | null {
  const at = text.indexOf(gold, from);
  if (at >= 0) return [[at, at + gold.length]];
  const words = gold.split(' ');
  for (let k = words.length - 1; k >= 1; k--) {
    const head = words.slice(0, k).join(' ');
    let idx = text.indexOf(head, from);
    while (idx >= 0) {
      const rest = locate(text, words.slice(k).join(' '), idx + head.length);
      if (rest) return [[idx, idx + head.length], ...rest];
      idx = text.indexOf(head, idx + 1);
    }
  }
  return null;
}

function overlap(a: [number, number][], b: [number, number][]): number {
  let sum = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) sum += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return sum;
}

const length = (spans: [number, number][]): number => spans.reduce((n, [s, e]) => n + e - s, 0);

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[\s,]+/)
    .filter((w) => w && !/^(mr|mrs|ms|miss|dr|the|a|an)\.?$/.test(w));
}

export function sameSpeaker(gold: string | null, predicted: string | null): boolean {
  if (gold === null || predicted === null) return gold === predicted;
  const g = nameWords(gold), p = nameWords(predicted);
  if (g.length === 0 || p.length === 0) return false;
  if (g[g.length - 1] !== p[p.length - 1]) return false;
  const [short, long] = g.length <= p.length ? [g, p] : [p, g];
  return short.every((w) => long.includes(w));
}

export function evaluate(dir: string, extract: (text: string) => Quote[] = extractQuotes): EvalResult {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  let gold = 0, predicted = 0, matched = 0, speakerCorrect = 0;
  const misses: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    const labels = JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.gold.json')), 'utf8')) as Gold[];
    const preds = extract(text);
    predicted += preds.length;
    gold += labels.length;
    const used = new Set<number>();
    for (const g of labels) {
      const spans = locate(text, g.text);
      if (!spans) throw new Error(`${f}: gold quote not found in the text: ${g.text.slice(0, 60)}`);
      let best = -1, bestOverlap = 0;
      preds.forEach((p, i) => {
        const o = overlap(spans, p.spans);
        if (!used.has(i) && o > bestOverlap) [best, bestOverlap] = [i, o];
      });
      if (best < 0 || bestOverlap < length(spans) / 2) {
        misses.push(`${f}: missed “${g.text.slice(0, 60)}”`);
        continue;
      }
      used.add(best);
      matched++;
      if (sameSpeaker(g.speaker, preds[best].speaker)) speakerCorrect++;
      else misses.push(`${f}: speaker ${JSON.stringify(preds[best].speaker)} for ${JSON.stringify(g.speaker)} “${g.text.slice(0, 50)}”`);
    }
    preds.forEach((p, i) => {
      if (!used.has(i)) misses.push(`${f}: extra “${p.text.slice(0, 60)}” (${p.speaker})`);
    });
  }
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const speakerAccuracy = matched ? speakerCorrect / matched : 0;
  return { files: files.length, gold, predicted, matched, precision, recall, f1, speakerCorrect, speakerAccuracy, misses };
}

/** Sums several results as if their passages were one set. */
export function combine(results: EvalResult[]): EvalResult {
  const sum = (k: 'files' | 'gold' | 'predicted' | 'matched' | 'speakerCorrect'): number => results.reduce((n, r) => n + r[k], 0);
  const files = sum('files'), gold = sum('gold'), predicted = sum('predicted'), matched = sum('matched');
  const speakerCorrect = sum('speakerCorrect');
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const speakerAccuracy = matched ? speakerCorrect / matched : 0;
  return { files, gold, predicted, matched, precision, recall, f1, speakerCorrect, speakerAccuracy, misses: results.flatMap((r) => r.misses) };
}

/** The labelled sets: the main one (written with the rules) and the held-out one (written to test them). */
export const FIXTURE_SETS = [
  { name: 'main', dir: join('test', 'fixtures', 'quotes') },
  { name: 'held-out', dir: join('test', 'fixtures', 'quotes-heldout') },
] as const;

function report(r: EvalResult, verbose: boolean): void {
  const pct = (x: number): string => x.toFixed(3);
  console.log(`passages ${r.files}, gold quotes ${r.gold}, predicted ${r.predicted}, matched ${r.matched}`);
  console.log(`precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}`);
  console.log(`speaker accuracy ${pct(r.speakerAccuracy)} (${r.speakerCorrect}/${r.matched} matched quotes)`);
  if (verbose) for (const m of r.misses) console.log('  ' + m);
  else if (r.misses.length) console.log(`(${r.misses.length} errors; --verbose lists them)`);
}

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const given = args.filter((a) => !a.startsWith('-'));
  if (given.length > 0) {
    // Folders named on the command line are scored as one set each.
    for (const dir of given) {
      if (given.length > 1) console.log(`== ${dir}`);
      report(evaluate(dir), verbose);
    }
    return;
  }
  const results: EvalResult[] = [];
  for (const set of FIXTURE_SETS) {
    const dir = join(process.cwd(), set.dir);
    if (set.name !== 'main') console.log(`\n== ${set.name} (${set.dir})`);
    if (!existsSync(dir)) {
      console.log(`(no such folder: ${set.dir}; skipped)`);
      continue;
    }
    const r = evaluate(dir);
    results.push(r);
    report(r, verbose);
  }
  if (results.length > 1) {
    console.log('\n== combined');
    report({ ...combine(results), misses: [] }, false);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
