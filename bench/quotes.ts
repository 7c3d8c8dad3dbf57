import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractQuotes } from '../src/enrich/quotes/index.js';

/**
 * Throughput of quote extraction on a large text built from the labelled fixtures, then the
 * worst case: text full of unbalanced and nested quote marks, at 1 MB and 4 MB, to show the time
 * grows linearly (the per-MB ratio should stay near 1).
 */

const MB = 1024 * 1024;
const dir = join(process.cwd(), 'test', 'fixtures', 'quotes');
const passages = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));

const FIRST = ['Anna', 'Omar', 'Li', 'Kofi', 'Marta', 'Sven', 'Priya', 'Diego', 'Hana', 'Felix'];

/** Repeats the passages, renaming people and shuffling paragraphs so no two copies are identical. */
function bigText(bytes: number): string {
  const parts: string[] = [];
  let size = 0, n = 0;
  while (size < bytes) {
    const p = passages[n % passages.length];
    const first = FIRST[n % FIRST.length];
    const varied = p
      .replace(/\b(Mike|Linda|Rachel|Dermot|Steven|Amara|Nathan|Tobias)\b/g, first)
      .split('\n\n')
      .map((para, i, all) => (i > 0 && i % 3 === n % 3 && i + 1 < all.length ? all[i + 1] : para))
      .join('\n\n');
    parts.push(varied);
    size += varied.length + 2;
    n++;
  }
  return parts.join('\n\n');
}

/** Quote marks that never pair up properly, with a sentence now and then. */
function hostileText(bytes: number): string {
  const bits = ['“', '”', '"', '‘', '’', "'", '«', '»', '„', ' said ', ' he ', 'word ', 'Smith ', ', ', '. ', '“The ', 'don’t ', "it's "];
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const b = bits[Math.floor(rnd() * bits.length)];
    out.push(b);
    size += b.length;
  }
  return out.join('');
}

function time(text: string): { ms: number; quotes: number } {
  const t0 = process.hrtime.bigint();
  const quotes = extractQuotes(text).length;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, quotes };
}

function main(): void {
  const big = bigText(20 * MB);
  time(big.slice(0, 2 * MB)); // warm the JIT so the figure is steady-state throughput
  const r = time(big);
  const mb = big.length / MB;
  console.log(`large text: ${mb.toFixed(1)} MB (${big.length} chars), ${r.quotes} quotes in ${(r.ms / 1000).toFixed(2)} s: ${(mb / (r.ms / 1000)).toFixed(1)} MB/s`);

  const one = hostileText(MB), four = hostileText(4 * MB);
  time(one);
  const h1 = time(one), h4 = time(four);
  console.log(`unbalanced marks, 1 MB: ${h1.ms.toFixed(0)} ms (${h1.quotes} quotes)`);
  console.log(`unbalanced marks, 4 MB: ${h4.ms.toFixed(0)} ms (${h4.quotes} quotes)`);
  console.log(`linearity: time(4 MB) / time(1 MB) = ${(h4.ms / h1.ms).toFixed(2)} (4.00 is linear; per-MB ratio ${(h4.ms / 4 / h1.ms).toFixed(2)})`);

  const s1 = big.slice(0, MB), s4 = big.slice(0, 4 * MB);
  const n1 = time(s1), n4 = time(s4);
  console.log(`news text, 1 MB: ${n1.ms.toFixed(0)} ms; 4 MB: ${n4.ms.toFixed(0)} ms; ratio ${(n4.ms / n1.ms).toFixed(2)}`);
}

main();
