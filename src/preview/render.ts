import { buildDigest, type FeedCache } from '../pipeline.js';
import { createMemoryLogger } from '../log.js';
import { DigestError, formatError, type Problem } from '../errors.js';
import { compilePlaceholders, fillPlaceholders } from '../render/placeholders.js';
import { errorChecks, runChecks, type Check } from './checks.js';

/** The made-up reader whose name, address and unsubscribe link the preview fills in. */
export interface SampleSubscriber {
  name: string;
  email: string;
  unsubscribe_url: string;
  fields?: Record<string, string>;
}

export const SAMPLE_SUBSCRIBER: SampleSubscriber = {
  name: 'Alex Reader',
  email: 'alex@example.com',
  unsubscribe_url: '#unsubscribe-preview',
};

export interface RenderOptions {
  contentDir: string;
  date?: Date | 'latest';
  stateDir?: string;
  sample?: SampleSubscriber;
}

/** One successful render of the next issue, personalised for the sample subscriber. */
export interface Rendering {
  subject: string;
  preheader: string;
  /** The email's HTML and text with the sample subscriber's values filled in. */
  html: string;
  text: string;
  htmlBytes: number;
  issue: { number: number; slug: string; date: string; articles: { title: string; section: string }[] };
  checks: Check[];
  /** Wall time of the render, pipeline and checks together. */
  ms: number;
}

/**
 * Renders the next issue the way `digest build` would, but with `writeFiles: false`: the
 * pipeline then opens the state database read-only (or not at all) and writes nothing.
 * Throws the pipeline's DigestError unchanged.
 */
/** Feeds change on their own schedule, not on every save: fetch them again after five minutes. */
const feedCache: FeedCache = { maxAgeMs: 5 * 60_000 };

export async function renderPreview(opts: RenderOptions): Promise<Rendering> {
  const started = performance.now();
  const log = createMemoryLogger();
  const result = await buildDigest({
    contentDir: opts.contentDir,
    outDir: '',
    date: opts.date ?? 'latest',
    writeFiles: false,
    log,
    stateDir: opts.stateDir,
    feedCache,
  });
  const { rendered, issue } = result;
  const sample = opts.sample ?? SAMPLE_SUBSCRIBER;
  const values: Record<string, string> = { name: sample.name, email: sample.email, unsubscribe_url: sample.unsubscribe_url };
  for (const [k, v] of Object.entries(sample.fields ?? {})) values[`fields.${k}`] = v;
  // Feed trouble is logged rather than returned; the panel is where the editor will look for it.
  const logged = log.lines.filter((l) => l.level !== 'info').map((l) => l.message);
  const checks = runChecks(rendered.html, rendered.htmlBytes, result.warnings, logged);
  return {
    subject: rendered.subject,
    preheader: rendered.preheader,
    html: fillPlaceholders(compilePlaceholders(rendered.html), values, escapeHtml),
    text: fillPlaceholders(compilePlaceholders(rendered.text), values),
    htmlBytes: rendered.htmlBytes,
    issue: {
      number: issue.number,
      slug: issue.slug,
      date: issue.date,
      articles: issue.sections.flatMap((s) => s.articles.map((a) => ({ title: a.title, section: s.title }))),
    },
    checks,
    ms: Math.round(performance.now() - started),
  };
}

/** What the page shows instead of the email when a render fails. */
export interface RenderFailure {
  message: string;
  file?: string;
  line?: number;
  hint?: string;
  problems: Problem[];
  /** `file:line: message` lines, as the command line prints them. */
  text: string;
  checks: Check[];
}

export function describeFailure(err: unknown): RenderFailure {
  if (err instanceof DigestError) {
    return { message: err.message, file: err.file, line: err.line, hint: err.hint, problems: err.problems, text: formatError(err), checks: errorChecks(err.message) };
  }
  // Not a user error: still shown in the page, because the server has to keep running.
  const message = `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  return { message, problems: [], text: message, checks: [] };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
