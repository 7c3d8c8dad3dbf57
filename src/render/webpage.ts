import { compilePlaceholders, fillPlaceholders } from './placeholders.js';
import { EMAIL_ONLY_END, EMAIL_ONLY_START } from './helpers.js';

const EMAIL_ONLY = new RegExp(`${EMAIL_ONLY_START}[\\s\\S]*?${EMAIL_ONLY_END}`, 'g');

export interface WebPageMeta {
  title: string;
  description: string;
  url: string;
  image?: string;
  siteName: string;
}

/**
 * The email with its email-only parts unwrapped: the markers are for web.html only, and the
 * sender fills placeholders in what is left.
 */
export function emailHtml(compiled: string): string {
  return compiled.split(EMAIL_ONLY_START).join('').split(EMAIL_ONLY_END).join('');
}

/**
 * The public archive page, derived from the one MJML compile: the email-only parts (greeting,
 * "view in browser", the unsubscribe link) are removed and any remaining placeholder takes its
 * fallback, so the page carries nothing personal and anyone can share it safely.
 */
export function webPageHtml(compiled: string, meta: WebPageMeta): string {
  const publicHtml = fillPlaceholders(compilePlaceholders(compiled.replace(EMAIL_ONLY, '')), {});
  return publicHtml.replace(/<\/head>/i, `${socialTags(meta)}\n</head>`);
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Open Graph and Twitter card tags, so a shared link shows a title, a description and an image. */
function socialTags(m: WebPageMeta): string {
  const tags: [string, string, string][] = [
    ['property', 'og:type', 'article'],
    ['property', 'og:site_name', m.siteName],
    ['property', 'og:title', m.title],
    ['property', 'og:description', m.description],
    ['property', 'og:url', m.url],
    ['name', 'twitter:card', m.image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', m.title],
    ['name', 'twitter:description', m.description],
    ['name', 'description', m.description],
  ];
  if (m.image) tags.push(['property', 'og:image', m.image], ['name', 'twitter:image', m.image]);
  return [`<link rel="canonical" href="${attr(m.url)}">`, ...tags.map(([k, n, v]) => `<meta ${k}="${n}" content="${attr(v)}">`)].join('\n');
}
