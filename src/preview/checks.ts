import * as cheerio from 'cheerio';
import { formatProblem, type Problem } from '../errors.js';
import { formatKb, GMAIL_CLIP_BYTES, htmlSizeProblem, SIZE_WARNING_BYTES } from '../render/size.js';

export type CheckLevel = 'ok' | 'warn' | 'fail';

/** One row of the preview's warnings panel. */
export interface Check {
  id: 'size' | 'mjml' | 'alt' | 'links' | 'content';
  level: CheckLevel;
  title: string;
  detail?: string;
  /** One line per offending image, link or problem. */
  items: string[];
}

/**
 * Checks the email as it will be sent: `html` still carries the per-subscriber placeholders,
 * because a placeholder link is filled with a real URL at send time and must not be reported.
 */
export function runChecks(html: string, htmlBytes: number, warnings: Problem[], logged: string[] = []): Check[] {
  const $ = cheerio.load(html);
  const sizeProblem = htmlSizeProblem(htmlBytes);
  const others = [...warnings.filter((w) => w.message !== sizeProblem?.message).map(formatProblem), ...logged];
  return [
    sizeCheck(htmlBytes),
    // Strict validation makes any MJML error fail the render, so reaching here means it passed.
    { id: 'mjml', level: 'ok', title: 'MJML validation', detail: 'no errors (strict validation)', items: [] },
    altCheck($),
    linkCheck($),
    {
      id: 'content',
      level: others.length ? 'warn' : 'ok',
      title: 'Content warnings',
      detail: others.length ? `${others.length} from the build` : 'none',
      items: others,
    },
  ];
}

/** In the error state only the MJML row can say something useful; the rest wait for a render. */
export function errorChecks(message: string): Check[] {
  if (!/^mj-[a-z-]+: /.test(message)) return [];
  return [{ id: 'mjml', level: 'fail', title: 'MJML validation', detail: 'the email does not validate; see the error above', items: [message] }];
}

function sizeCheck(bytes: number): Check {
  const share = Math.round((bytes / GMAIL_CLIP_BYTES) * 100);
  const problem = htmlSizeProblem(bytes);
  return {
    id: 'size',
    level: bytes >= GMAIL_CLIP_BYTES ? 'fail' : bytes >= SIZE_WARNING_BYTES ? 'warn' : 'ok',
    title: 'HTML size',
    detail: `${formatKb(bytes)} of Gmail's ~${formatKb(GMAIL_CLIP_BYTES)} clipping limit (${share}%)`,
    items: problem ? [problem.message + (problem.hint ? `; ${problem.hint}` : '')] : [],
  };
}

function altCheck($: cheerio.CheerioAPI): Check {
  const items: string[] = [];
  let images = 0;
  $('img').each((_, el) => {
    const attrs = el.attribs;
    if (isDecorative(attrs)) return;
    images++;
    if ((attrs.alt ?? '').trim() === '') items.push(`no alt text: ${shorten(attrs.src ?? '(no src)')}`);
  });
  return {
    id: 'alt',
    level: items.length ? 'warn' : 'ok',
    title: 'Image alt text',
    detail: items.length ? `${items.length} of ${images} images have no alt text` : `all ${images} images have alt text`,
    items,
  };
}

/** Tracking pixels and images marked presentational are not content and need no description. */
function isDecorative(attrs: Record<string, string | undefined>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && Number.parseInt(v, 10) <= 1;
  return (tiny(attrs.width) && tiny(attrs.height)) || attrs.role === 'presentation' || attrs['aria-hidden'] === 'true';
}

const PLACEHOLDER_ONLY = /^%%[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)?(?:\|[^%]*)?%%$/;
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

function linkCheck($: cheerio.CheerioAPI): Check {
  const items: string[] = [];
  let links = 0;
  $('a[href], area[href]').each((_, el) => {
    const href = ($(el).attr('href') ?? '').trim();
    links++;
    if (PLACEHOLDER_ONLY.test(href)) return;
    // A jump link within the email (a table of contents) is fine as long as its target is there.
    if (href.startsWith('#') && href.length > 1 && hasTarget($, href.slice(1))) return;
    let protocol: string | undefined;
    try {
      protocol = new URL(href).protocol;
    } catch {
      // A relative link or a bare "#" has no scheme: in an inbox it leads nowhere.
    }
    if (protocol && ALLOWED.has(protocol)) return;
    const text = $(el).text().replace(/\s+/g, ' ').trim();
    items.push(`"${shorten(href) || '(empty)'}"${text ? ` (link text "${shorten(text, 40)}")` : ''}`);
  });
  return {
    id: 'links',
    level: items.length ? 'warn' : 'ok',
    title: 'Links',
    detail: items.length ? `${items.length} of ${links} links are not http(s) or mailto` : `all ${links} links are http(s), mailto or jumps within the email`,
    items,
  };
}

function hasTarget($: cheerio.CheerioAPI, id: string): boolean {
  return $('[id], a[name]').toArray().some((el) => el.attribs.id === id || el.attribs.name === id);
}

const shorten = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
