/**
 * npm run bench: times a whole `digest build` of the sample content (config, articles, quotes,
 * share links, Handlebars, MJML, text twin, web page, archive, files) against a bare mjml compile
 * of the same MJML, both warm and in this process. Target: build / bare mjml <= 1.3.
 */
import mjml2html from 'mjml';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildDigest } from '../src/pipeline.js';
import { createLogger } from '../src/log.js';
import { MJML_OPTIONS } from '../src/render/mjml.js';
import { packageRoot } from '../src/paths.js';
import { median, ms, timeRuns } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const work = mkdtempSync(join(tmpdir(), 'digest-bench-'));
const options = {
  contentDir: join(packageRoot(), 'content'),
  outDir: join(work, 'out'),
  date: 'latest' as const,
  dryRun: true,
  stateDir: join(work, 'state'),
  log: createLogger({ quiet: true }),
};

const first = await buildDigest(options); // warm-up: imports mjml, JIT-compiles the hot paths
const source = first.rendered.mjml;
await mjml2html(source, { ...MJML_OPTIONS });

// Interleave the two so that machine noise hits both alike.
const build: number[] = [];
const bare: number[] = [];
for (let i = 0; i < RUNS; i++) {
  build.push(...(await timeRuns(1, () => buildDigest(options))));
  bare.push(...(await timeRuns(1, () => mjml2html(source, { ...MJML_OPTIONS }))));
}
const b = median(build);
const m = median(bare);
console.log(`digest build (sample content, ${first.issue.sections.reduce((n, s) => n + s.articles.length, 0)} articles), median of ${RUNS}: ${ms(b)}`);
console.log(`bare mjml compile of the same MJML (${(source.length / 1024).toFixed(1)} KB), median of ${RUNS}: ${ms(m)}`);
console.log(`ratio build / bare mjml: ${(b / m).toFixed(2)}x (target <= 1.30x)`);
console.log(`email.html: ${(first.rendered.htmlBytes / 1024).toFixed(1)} KB (Gmail clips at about 102 KB)`);
rmSync(work, { recursive: true, force: true });
