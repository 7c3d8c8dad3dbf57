import { join } from 'node:path';
import type { Rendered } from '../render/render.js';
import type { EnrichedIssue } from '../enrich/enriched.js';
import { ISSUE_FILES, type BuiltIssueMeta } from './built-issue.js';
import { writeFileAtomic } from './write-atomic.js';
import { storyKeysOf } from '../feeds/dedupe.js';

/**
 * The file deliverer: writes one issue to out/<slug>/ (email.html, email.txt, email.mjml, web.html
 * and issue.json). issue.json is written last, so a folder counts as a built issue only once
 * everything else in it is complete.
 */
export function writeIssueFiles(outDir: string, issue: EnrichedIssue, rendered: Rendered, now: Date = new Date()): { dir: string; meta: BuiltIssueMeta } {
  const dir = join(outDir, issue.slug);
  const articles = issue.sections.flatMap((s) => s.articles);
  writeFileAtomic(join(dir, ISSUE_FILES.mjml), rendered.mjml);
  writeFileAtomic(join(dir, ISSUE_FILES.html), rendered.html);
  writeFileAtomic(join(dir, ISSUE_FILES.text), rendered.text);
  writeFileAtomic(join(dir, ISSUE_FILES.web), rendered.webHtml);
  const meta: BuiltIssueMeta = {
    slug: issue.slug,
    number: issue.number,
    date: issue.date,
    subject: rendered.subject,
    preheader: rendered.preheader,
    webUrl: issue.webUrl,
    builtAt: now.toISOString(),
    articles: articles.map((a) => ({ title: a.title, url: a.url, origin: a.origin })),
    storyKeys: storyKeysOf(articles),
    htmlBytes: rendered.htmlBytes,
  };
  writeFileAtomic(join(dir, ISSUE_FILES.meta), JSON.stringify(meta, null, 2) + '\n');
  return { dir, meta };
}
