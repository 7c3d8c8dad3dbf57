import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { archiveFeedXml, type ArchivedIssue } from './archive-feed.js';
import { builtIssueSlugs, ISSUE_FILES, readBuiltIssueMeta } from './built-issue.js';
import { writeFileAtomic } from './write-atomic.js';
import { dateLabel } from '../render/view.js';

/**
 * The archive's front door: out/index.html lists every built issue, newest first, and
 * out/feed.xml carries each issue's full content for feed readers. Both are rebuilt from what is
 * in out/, so they always agree with the issues on disk.
 */
export function writeArchive(outDir: string, config: Config): { index: string; feed: string; issues: number } {
  const n = config.newsletter;
  const base = n.webBaseUrl.endsWith('/') ? n.webBaseUrl : n.webBaseUrl + '/';
  const issues: ArchivedIssue[] = builtIssueSlugs(outDir)
    .map((slug) => {
      const meta = readBuiltIssueMeta(outDir, slug);
      const web = readFileSync(join(outDir, slug, ISSUE_FILES.web), 'utf8');
      return { slug, number: meta.number, date: meta.date, title: meta.subject, description: meta.preheader, webUrl: meta.webUrl, html: bodyOf(web) };
    })
    .sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number);

  const index = join(outDir, 'index.html');
  const feed = join(outDir, 'feed.xml');
  writeFileAtomic(index, indexHtml(issues, config));
  writeFileAtomic(
    feed,
    archiveFeedXml(issues, { title: n.name, link: new URL('index.html', base).href, description: n.tagline || n.name, language: n.language, selfUrl: new URL('feed.xml', base).href }),
  );
  return { index, feed, issues: issues.length };
}

/** Feed readers bring their own page; they want what is inside <body>. */
function bodyOf(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return (m ? m[1]! : html).trim();
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function indexHtml(issues: ArchivedIssue[], config: Config): string {
  const n = config.newsletter;
  const c = n.brand.colors;
  const items = issues
    .map(
      (i) =>
        `    <li><a href="${esc(`${encodeURIComponent(i.slug)}/web.html`)}"><span class="no">#${i.number}</span> ${esc(i.title)}</a><time datetime="${esc(i.date)}">${esc(dateLabel(i.date, n.language))}</time><p>${esc(i.description)}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${esc(n.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(n.name)}: past issues</title>
<meta name="description" content="${esc(n.tagline || n.name)}">
<link rel="alternate" type="application/rss+xml" title="${esc(n.name)}" href="feed.xml">
<style>
  body { margin: 0; background: ${c.background}; color: ${c.text}; font-family: ${n.brand.font}; }
  main { max-width: 640px; margin: 0 auto; padding: 32px 20px; }
  h1 { color: ${c.primary}; margin: 0 0 4px; }
  .tagline { color: ${c.muted}; margin: 0 0 24px; }
  ul { list-style: none; padding: 0; }
  li { background: ${c.card}; border-radius: 8px; padding: 16px 20px; margin: 0 0 12px; }
  li a { color: ${c.text}; font-weight: 700; text-decoration: none; font-size: 18px; }
  .no { color: ${c.accent}; }
  time { display: block; color: ${c.muted}; font-size: 13px; margin-top: 4px; }
  li p { margin: 8px 0 0; }
  footer { color: ${c.muted}; font-size: 13px; }
  footer a { color: ${c.primary}; }
</style>
</head>
<body>
<main>
  <h1>${esc(n.name)}</h1>
  <p class="tagline">${esc(n.tagline)}</p>
  <ul>
${items}
  </ul>
  <footer><a href="${esc(n.subscribeUrl)}">Subscribe</a> · <a href="feed.xml">RSS feed</a> · ${esc(n.postalAddress)}</footer>
</main>
</body>
</html>
`;
}
