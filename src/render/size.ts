import type { Problem } from '../errors.js';

/** Gmail clips messages whose HTML is over about 102 KB; warn with room to spare. */
export const GMAIL_CLIP_BYTES = 102 * 1024;
export const SIZE_WARNING_BYTES = 90 * 1024;

export function htmlSizeProblem(bytes: number, file?: string): Problem | undefined {
  if (bytes < SIZE_WARNING_BYTES) return undefined;
  const over = bytes >= GMAIL_CLIP_BYTES;
  return {
    file,
    message: `the email's HTML is ${formatKb(bytes)}, ${over ? 'over' : 'close to'} Gmail's clipping limit of about ${formatKb(GMAIL_CLIP_BYTES)}`,
    hint: 'shorten summaries, lower quotes.perArticle or issue.maxArticles, or drop images',
  };
}

export const formatKb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Takes out bytes that Gmail counts toward its clipping limit but no reader sees: the indentation
 * MJML leaves at the start of lines (a full minifier has broken Outlook's conditional comments
 * before, mjml#1201; leading whitespace is never significant in the HTML MJML writes), and
 * Handlebars' `&#x3D;` for "=", which only matters in unquoted attributes and MJML quotes them all.
 * Every share link has several "=", so this alone saves kilobytes.
 */
export function compactHtml(html: string): string {
  return html.replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n').replace(/&#x3D;/g, '=');
}
