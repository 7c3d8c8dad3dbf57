/**
 * Campaign tagging for outbound article links. The link's own query and fragment are kept byte
 * for byte (re-serialising through URLSearchParams would turn %20 into + and could break sites
 * that sign or parse their query strictly); the utm parameters are only appended.
 */
import type { ShareSettings } from '../config/share-schema.js';
import { wellFormed } from './share.js';

export interface UtmSettings {
  source: string;
  medium: string;
  campaign: string;
}

/** Turns the newsletter.yaml block into settings for one issue; null when tagging is off. */
export function utmForIssue(utm: ShareSettings['utm'], slug: string): UtmSettings | null {
  if (!utm.enabled) return null;
  return { source: utm.source, medium: utm.medium, campaign: utm.campaign ?? slug };
}

/**
 * Share intents pass their target on to the network; tagging the intent itself would only
 * tell the network about our campaign, so they stay as built.
 */
const SHARE_INTENTS: ReadonlyArray<{ host: RegExp; path: RegExp }> = [
  { host: /^(www\.)?(x|twitter)\.com$/, path: /^\/intent\// },
  { host: /^(www\.)?linkedin\.com$/, path: /^\/(sharing\/|shareArticle)/ },
  { host: /^(www\.|m\.)?facebook\.com$/, path: /^\/(sharer|share\.php|dialog\/share)/ },
  { host: /^bsky\.app$/, path: /^\/intent\// },
  { host: /^(www\.|old\.)?reddit\.com$/, path: /^\/submit/ },
  { host: /^wa\.me$/, path: /^/ },
  { host: /^api\.whatsapp\.com$/, path: /^\/send/ },
];

export function isShareIntent(url: URL): boolean {
  return SHARE_INTENTS.some((rule) => rule.host.test(url.hostname) && rule.path.test(url.pathname));
}

const UNSUBSCRIBE_PLACEHOLDER = '%%unsubscribe_url%%';

/** Tracking an unsubscribe link would put the campaign in the way of leaving it. */
export function isUnsubscribeLink(raw: string): boolean {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A stray % is not ours to fix; the raw string is checked as it stands.
  }
  return [raw, decoded].some((s) => s.toLowerCase().includes(UNSUBSCRIBE_PLACEHOLDER) || /\/unsubscribe/i.test(pathOf(s)));
}

function pathOf(s: string): string {
  try {
    return new URL(s).pathname;
  } catch {
    return s.split(/[?#]/)[0] ?? s;
  }
}

export function tagUrl(url: string, utm: UtmSettings | null): string {
  if (!utm || isUnsubscribeLink(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || isShareIntent(parsed)) return url;

  const wanted: Array<[string, string]> = [
    ['utm_source', utm.source],
    ['utm_medium', utm.medium],
    ['utm_campaign', utm.campaign],
  ];
  const missing = wanted.filter(([name]) => !parsed.searchParams.has(name));
  if (missing.length === 0) return url;

  const added = missing.map(([name, value]) => `${name}=${encodeURIComponent(wellFormed(value))}`).join('&');
  const query = parsed.search.replace(/&+$/, '');
  const search = query === '' || query === '?' ? `?${added}` : `${query}&${added}`;
  const hash = parsed.hash;
  parsed.hash = '';
  parsed.search = '';
  return `${parsed.href}${search}${hash}`;
}
