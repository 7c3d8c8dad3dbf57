import { loadConfig, type Config } from './config/load.js';
import { loadArticles } from './content/load.js';
import type { Article } from './content/article.js';
import { DigestError, ExitCode, type Problem } from './errors.js';
import type { Logger } from './log.js';
import { buildIssue, issueWindow, resolveIssueDate, selectArticles, issueSlug } from './issue/select.js';
import { enrichIssue } from './enrich/index.js';
import type { EnrichedIssue } from './enrich/enriched.js';
import { loadTemplates } from './render/templates.js';
import { renderIssue, type Rendered } from './render/render.js';
import { writeIssueFiles } from './deliver/files.js';
import { writeArchive } from './deliver/archive.js';
import { openState, openStateReadOnly, stateDir, type Db } from './store/db.js';
import { issueNumber, recordIssue } from './store/issues.js';

/**
 * The one place the stages are put in order:
 *   config → collect → select → enrich → render → deliver (files).
 * Each stage hands plain data to the next; none reaches back.
 */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** The issue date, or 'latest' for the day of the newest article. Default: today. */
  date?: Date | 'latest';
  /** Build and write the files but change no state (no issue recorded, no feed validators saved). */
  dryRun?: boolean;
  /** Render only: write nothing at all (the live preview). */
  writeFiles?: boolean;
  log: Logger;
  now?: Date;
  stateDir?: string;
}

export interface BuildResult {
  config: Config;
  issue: EnrichedIssue;
  rendered: Rendered;
  dir?: string;
  warnings: Problem[];
}

export async function buildDigest(opts: BuildOptions): Promise<BuildResult> {
  const now = opts.now ?? new Date();
  const config = loadConfig(opts.contentDir);
  // Templates first: a template error should not wait for the feeds to be fetched.
  const templates = loadTemplates(config.templatesDir);

  const readOnly = opts.dryRun || opts.writeFiles === false;
  const db = readOnly ? openStateReadOnly(opts.stateDir ?? stateDir()) : openState(opts.stateDir ?? stateDir());
  try {
    const articles = await collect(config, db, Boolean(readOnly), opts.log, now);
    const issue = select(articles, config, opts.date ?? now, db);
    const title = issue.sections[0]!.articles[0]!.title;
    const enriched = enrichIssue(issue, config, title);
    const rendered = await renderIssue(enriched, config, templates);
    const result: BuildResult = { config, issue: enriched, rendered, warnings: rendered.warnings };
    if (opts.writeFiles !== false) {
      result.dir = writeIssueFiles(opts.outDir, enriched, rendered, now).dir;
      writeArchive(opts.outDir, config);
    }
    if (db && !readOnly) recordIssue(db, { ...enriched, subject: rendered.subject }, now);
    return result;
  } finally {
    db?.close();
  }
}

/**
 * Collect: the curated articles (every broken file reported at once), then the feeds' items,
 * deduplicated against each other, the curated articles and everything already sent.
 */
async function collect(config: Config, db: Db | null, readOnly: boolean, log: Logger, now: Date): Promise<Article[]> {
  const sectionIds = config.newsletter.sections.map((s) => s.id);
  const { articles: curated, problems } = loadArticles(config.contentDir, sectionIds);
  if (problems.length > 0) {
    const files = new Set(problems.map((p) => p.file)).size;
    throw DigestError.fromProblems(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${files} article file${files > 1 ? 's' : ''}; nothing was built`, problems);
  }
  const feeds = config.newsletter.feeds;
  if (feeds.length === 0) return curated;

  // Loaded on demand: the feed stack (rss-parser, HTML to text) is only needed when there are feeds.
  const { collectFeeds, allFeedsFailed } = await import('./feeds/collect.js');
  const { dedupeArticles } = await import('./feeds/dedupe.js');
  const { usedKeys } = await import('./store/feed-state.js');
  const result = await collectFeeds(config, { db, readOnly, log, now });
  for (const f of result.failures) log.warn(`feed "${f.feed}" failed: ${f.reason}; the issue is built from the rest`);
  if (allFeedsFailed(result, feeds.length) && curated.length === 0) {
    throw new DigestError(`every feed failed and there are no curated articles, so there is nothing to build`, {
      code: ExitCode.worldFailure,
      hint: 'run "digest feeds check" to see each feed\'s status',
    });
  }
  return dedupeArticles(curated, result.articles, usedKeys(db));
}

function select(articles: Article[], config: Config, date: Date | 'latest', db: Db | null) {
  const n = config.newsletter;
  const issueDate = resolveIssueDate(date, articles);
  if (!issueDate) {
    throw new DigestError('there are no articles to build an issue from', {
      code: ExitCode.nothingToDo,
      file: config.contentDir,
      hint: 'add Markdown files to content/articles/ or a feed to newsletter.yaml',
    });
  }
  const window = issueWindow(issueDate, n.issue.windowDays);
  const sections = selectArticles(articles, window, { sections: n.sections, maxArticles: n.issue.maxArticles });
  if (sections.length === 0) {
    const last = new Date(window.end.getTime() - 1).toISOString().slice(0, 10);
    throw new DigestError(`no articles were published between ${window.start.toISOString().slice(0, 10)} and ${last}, so there is no issue to build`, {
      code: ExitCode.nothingToDo,
      hint: 'pick another day with --date YYYY-MM-DD, or --date latest for the newest articles',
    });
  }
  return buildIssue(sections, window, issueNumber(db, issueSlug(window.date)));
}
