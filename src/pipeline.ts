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
import { getIssue, issueNumber, recordIssue } from './store/issues.js';
import { usedKeys } from './store/feed-state.js';
import type { CollectResult } from './feeds/collect.js';
import { alreadySent, dedupeArticles } from './feeds/dedupe.js';

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
  /** Fewer new articles than this is "nothing to do" (exit 3); `digest run` sets issue.minArticles. */
  minArticles?: number;
  /**
   * Lets a long-running caller (the live preview) reuse the feeds' items between renders for a
   * while, instead of fetching every feed again on each save of an article.
   */
  feedCache?: FeedCache;
}

export interface FeedCache {
  maxAgeMs: number;
  entry?: { key: string; at: number; result: CollectResult };
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
    const collected = await collect(config, db, Boolean(readOnly), opts.log, now, opts.feedCache);
    const issue = select(collected, config, opts.date ?? now, db, opts.minArticles ?? 1);
    if (collected.alreadySent.length > 0) {
      opts.log.info(`left out ${plural(collected.alreadySent.length, 'article')} already sent in an earlier issue: ${collected.alreadySent.map((a) => a.sourceRef).join(', ')}`);
    }
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
interface Collected {
  articles: Article[];
  /** Curated articles left out because their story went out in an earlier issue. */
  alreadySent: Article[];
}

async function collect(config: Config, db: Db | null, readOnly: boolean, log: Logger, now: Date, cache?: FeedCache): Promise<Collected> {
  const sectionIds = config.newsletter.sections.map((s) => s.id);
  const { articles: curated, problems } = loadArticles(config.contentDir, sectionIds);
  if (problems.length > 0) {
    const files = new Set(problems.map((p) => p.file)).size;
    throw DigestError.fromProblems(`${problems.length} problem${problems.length > 1 ? 's' : ''} in ${files} article file${files > 1 ? 's' : ''}; nothing was built`, problems);
  }
  // A story that went out in a sent issue never comes back, curated or not.
  const used = usedKeys(db);
  const sent = alreadySent(curated, used);
  const fresh = curated.filter((a) => !sent.includes(a));

  const feeds = config.newsletter.feeds;
  if (feeds.length === 0) return { articles: fresh, alreadySent: sent };

  // Loaded on demand: the feed stack (rss-parser, HTML to text) is only needed when there are feeds.
  const { collectFeeds, allFeedsFailed } = await import('./feeds/collect.js');
  const key = JSON.stringify(feeds);
  const cached = cache?.entry && cache.entry.key === key && Date.now() - cache.entry.at < cache.maxAgeMs ? cache.entry.result : undefined;
  const result = cached ?? (await collectFeeds(config, { db, readOnly, log, now }));
  if (cache && !cached) cache.entry = { key, at: Date.now(), result };
  for (const f of result.failures) log.warn(`feed "${f.feed}" failed: ${f.reason}; the issue is built from the rest`);
  if (allFeedsFailed(result, feeds.length) && fresh.length === 0) {
    throw new DigestError(`every feed failed and there are no curated articles, so there is nothing to build`, {
      code: ExitCode.worldFailure,
      hint: 'run "digest feeds check" to see each feed\'s status',
    });
  }
  return { articles: dedupeArticles(fresh, result.articles, used), alreadySent: sent };
}

function select(collected: Collected, config: Config, date: Date | 'latest', db: Db | null, minArticles: number) {
  const n = config.newsletter;
  const { articles } = collected;
  const issueDate = resolveIssueDate(date, articles);
  if (!issueDate) {
    throw new DigestError('there are no articles to build an issue from', {
      code: ExitCode.nothingToDo,
      file: config.contentDir,
      hint: 'add Markdown files to content/articles/ or a feed to newsletter.yaml',
    });
  }
  const window = issueWindow(issueDate, n.issue.windowDays);
  const slug = issueSlug(window.date);
  const record = db ? getIssue(db, slug) : undefined;
  if (record?.send_started_at) {
    // Rebuilding would overwrite the record of what subscribers got, and its own stories now
    // count as sent: the files in out/ stay as they went out.
    throw new DigestError(`issue #${record.number} (${slug}) was already sent (started ${record.send_started_at}); its files in out/${slug}/ are the record of what went out`, {
      code: ExitCode.nothingToDo,
      hint: 'to make a new issue, use a later --date',
    });
  }
  const sections = selectArticles(articles, window, { sections: n.sections, maxArticles: n.issue.maxArticles });
  const count = sections.reduce((sum, s) => sum + s.articles.length, 0);
  if (count === 0 || count < minArticles) {
    const first = window.start.toISOString().slice(0, 10);
    const last = new Date(window.end.getTime() - 1).toISOString().slice(0, 10);
    const sentBefore = collected.alreadySent.length ? ` (${plural(collected.alreadySent.length, 'more')} went out in earlier issues)` : '';
    throw new DigestError(
      count === 0
        ? `no new articles were published between ${first} and ${last}${sentBefore}, so there is no issue to build`
        : `only ${plural(count, 'new article')} between ${first} and ${last}${sentBefore}, fewer than issue.minArticles (${minArticles}), so there is no issue to build`,
      { code: ExitCode.nothingToDo, hint: count === 0 ? 'pick another day with --date YYYY-MM-DD, or --date latest for the newest articles' : undefined },
    );
  }
  return buildIssue(sections, window, record?.number ?? issueNumber(db, slug));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 || word.endsWith('more') ? '' : 's'}`;
