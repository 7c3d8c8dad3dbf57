import { createHash } from 'node:crypto';

/**
 * Identity of a story. URLs are compared after removing what varies between copies of the same
 * link: tracking parameters, fragments, letter case of the host, default ports, "www.", the
 * scheme, a trailing slash, and the order of query parameters.
 */
const TRACKING = /^(?:utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|ref|ref_src|ref_url|_hsenc|_hsmi|igshid|mkt_tok|cmpid|ncid|sr_share|at_medium|at_campaign|oly_enc_id|oly_anon_id|vero_id|__s|s_cid)$/i;

function isTracking(name: string): boolean {
  return TRACKING.test(name);
}

/** The URL a reader gets: tracking parameters removed, everything else as the publisher wrote it. */
export function cleanUrl(url: string): string {
  const u = new URL(url);
  for (const name of [...u.searchParams.keys()]) if (isTracking(name)) u.searchParams.delete(name);
  return u.href;
}

/** The form two URLs are compared in; not meant to be opened. */
export function normaliseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  const params = [...u.searchParams].filter(([name]) => !isTracking(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : '';
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${port}${path}${query}`;
}

export function urlKey(url: string): string {
  return `url:${normaliseUrl(url)}`;
}

/** GUIDs that are URLs are global; any other GUID is only unique within its own feed. */
export function guidKey(feedUrl: string, guid: string): string {
  const g = guid.trim();
  return /^https?:\/\//i.test(g) ? `guid:${normaliseUrl(g)}` : `guid:${feedUrl}#${g}`;
}

export function hashKey(title: string, text: string): string {
  const canon = `${title}\n${text}`.toLowerCase().replace(/\s+/g, ' ').trim();
  return `hash:${createHash('sha256').update(canon).digest('hex').slice(0, 32)}`;
}
