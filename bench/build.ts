/**
 * npm run bench: `digest build` on the sample content against a bare MJML compile of the same
 * MJML, measured in the same run, interleaved so machine noise hits both alike.
 *
 * 1. As commands (the target, at most 1.3x): `digest build` as a user or cron runs it, against a
 *    process that only imports mjml and compiles the issue's email.mjml. Both pay Node's start
 *    and mjml's import; the difference is everything digest adds: config, articles, feeds,
 *    quotes, share links, Handlebars, the text twin, the web page, the archive and the files.
 * 2. In one warm process, for insight: the build function against mjml2html alone.
 */
import mjml2html from 'mjml';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildDigest } from '../src/pipeline.js';
import { createLogger } from '../src/log.js';
import { MJML_OPTIONS } from '../src/render/mjml.js';
import { packageRoot } from '../src/paths.js';
import { median, ms, timeRuns } from './stats.js';

const ROOT = packageRoot();
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 9);
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 30);
const work = mkdtempSync(join(tmpdir(), 'digest-bench-'));
const outDir = join(work, 'out');
const env = { ...process.env, DIGEST_STATE_DIR: join(work, 'state') };

const options = { contentDir: join(ROOT, 'content'), outDir, date: 'latest' as const, dryRun: true, stateDir: env.DIGEST_STATE_DIR, log: createLogger({ quiet: true }) };
const first = await buildDigest(options);
const mjmlFile = join(outDir, first.issue.slug, 'email.mjml');
const articles = first.issue.sections.reduce((n, s) => n + s.articles.length, 0);

const node = process.execPath;
const buildCommand = () => execFileSync(node, [join(ROOT, 'bin', 'digest.js'), 'build', '--date', 'latest', '--dry-run', '--quiet', '--out', outDir], { env, stdio: 'ignore' });
const bareCommand = () => execFileSync(node, [join(ROOT, 'dist', 'bench', 'mjml-compile.js'), mjmlFile, join(work, 'bare.html')], { stdio: 'ignore' });
buildCommand();
bareCommand();
const buildTimes: number[] = [];
const bareTimes: number[] = [];
for (let i = 0; i < PROCESS_RUNS; i++) {
  buildTimes.push(...(await timeRuns(1, buildCommand)));
  bareTimes.push(...(await timeRuns(1, bareCommand)));
}

await mjml2html(first.rendered.mjml, { ...MJML_OPTIONS });
const warmBuild: number[] = [];
const warmBare: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  warmBuild.push(...(await timeRuns(1, () => buildDigest(options))));
  warmBare.push(...(await timeRuns(1, () => mjml2html(first.rendered.mjml, { ...MJML_OPTIONS }))));
}

const pb = median(buildTimes);
const pm = median(bareTimes);
const wb = median(warmBuild);
const wm = median(warmBare);
console.log(`sample issue: ${articles} articles, ${(first.rendered.mjml.length / 1024).toFixed(1)} KB of MJML, email.html ${(first.rendered.htmlBytes / 1024).toFixed(1)} KB`);
console.log(`\n1. as commands, median of ${PROCESS_RUNS}:`);
console.log(`   digest build                    ${ms(pb)}`);
console.log(`   bare mjml compile (import+run)  ${ms(pm)}`);
console.log(`   ratio                           ${(pb / pm).toFixed(2)}x (target <= 1.30x)`);
console.log(`\n2. in one warm process, median of ${WARM_RUNS}:`);
console.log(`   buildDigest()                   ${ms(wb)}`);
console.log(`   mjml2html() alone               ${ms(wm)}`);
console.log(`   ratio                           ${(wb / wm).toFixed(2)}x`);
rmSync(work, { recursive: true, force: true });
