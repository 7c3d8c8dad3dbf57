import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DigestError } from '../errors.js';

/**
 * What `digest build` leaves in out/<slug>/ for the later stages (send, run, serve):
 * issue.json plus email.html / email.txt with per-subscriber placeholders still in them.
 */
export interface BuiltIssueMeta {
  slug: string;
  number: number;
  date: string;
  subject: string;
  preheader: string;
  /** The public web archive page of this issue. */
  webUrl: string;
  builtAt: string;
  /** Every article in the issue, so a real send can mark feed items as used. */
  articles: { title: string; url: string; origin: 'curated' | 'feed' }[];
  /**
   * The keys (URL, GUID, content hash) of every story in this issue, curated or from a feed. A real
   * send marks them used, so no later issue carries the same story again.
   */
  storyKeys: string[];
  htmlBytes: number;
}

export interface BuiltIssue {
  dir: string;
  meta: BuiltIssueMeta;
  html: string;
  text: string;
}

export const ISSUE_FILES = {
  meta: 'issue.json',
  html: 'email.html',
  text: 'email.txt',
  mjml: 'email.mjml',
  web: 'web.html',
} as const;

/** Slugs of built issues in outDir, oldest first. */
export function builtIssueSlugs(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(outDir, d.name, ISSUE_FILES.meta)))
    .map((d) => d.name)
    .sort();
}

export function readBuiltIssueMeta(outDir: string, slug: string): BuiltIssueMeta {
  const file = join(outDir, slug, ISSUE_FILES.meta);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuiltIssueMeta;
  } catch (err) {
    throw new DigestError((err as NodeJS.ErrnoException).code === 'ENOENT' ? `no built issue "${slug}"` : `cannot read the built issue: ${(err as Error).message}`, {
      file,
      hint: 'run "digest build" first, or pick one of: ' + (builtIssueSlugs(outDir).join(', ') || '(none built yet)'),
    });
  }
}

/** The issue to send: the one named, or the newest built. */
export function readBuiltIssue(outDir: string, slug?: string): BuiltIssue {
  const chosen = slug ?? builtIssueSlugs(outDir).at(-1);
  if (!chosen) throw new DigestError('no built issue to send', { file: outDir, hint: 'run "digest build" first' });
  const meta = readBuiltIssueMeta(outDir, chosen);
  const dir = join(outDir, chosen);
  return { dir, meta, html: readFileSync(join(dir, ISSUE_FILES.html), 'utf8'), text: readFileSync(join(dir, ISSUE_FILES.text), 'utf8') };
}
