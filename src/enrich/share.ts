/**
 * Share links for articles, key quotes and the whole digest. Pure: every link is built from the
 * data passed in, so templates can render them without knowing any network's URL format.
 * docs/sharing.md lists the formats and limits; keep the two in step.
 */

export const NETWORKS = ['x', 'linkedin', 'facebook', 'bluesky', 'reddit', 'whatsapp', 'email'] as const;
export type Network = (typeof NETWORKS)[number];

export interface ShareLink {
  network: Network;
  /** Short visible text; plain words render everywhere, including Outlook, which drops SVG. */
  label: string;
  ariaLabel: string;
  href: string;
}

export interface DigestShare {
  webUrl: string;
  shareLinks: ShareLink[];
  forwardMailto: string;
  subscribeUrl: string;
}

const LABELS: Record<Network, string> = {
  x: 'X',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  bluesky: 'Bluesky',
  reddit: 'Reddit',
  whatsapp: 'WhatsApp',
  email: 'Email',
};

/** X's documented web intent (docs.x.com, "Web intent"); /intent/post is an undocumented alias. */
export const X_INTENT = 'https://x.com/intent/tweet';
/**
 * LinkedIn's documented share plugin takes only `url`; the preview comes from the page's Open
 * Graph tags. The `/feed/?shareActive=true&text=` trick seen in the wild is undocumented and has
 * changed before, so quote shares on LinkedIn carry the article URL only.
 */
export const LINKEDIN_SHARE = 'https://www.linkedin.com/sharing/share-offsite/';
/** Facebook's sharer reads only `u`; prefilled post text is against its platform policy. */
export const FACEBOOK_SHARE = 'https://www.facebook.com/sharer/sharer.php';
/** docs.bsky.app "Action Intent Links": one `text` parameter, so the URL goes inside the text. */
export const BLUESKY_COMPOSE = 'https://bsky.app/intent/compose';
export const REDDIT_SUBMIT = 'https://www.reddit.com/submit';
export const WHATSAPP_SHARE = 'https://wa.me/';

/** X counts every URL as a t.co link of this length, whatever its real length. */
export const X_URL_LENGTH = 23;
export const X_LIMIT = 280;
/** Bluesky counts grapheme clusters, and the URL is part of the post text. */
export const BLUESKY_LIMIT = 300;
/** Reddit rejects titles over 300 characters. */
export const REDDIT_TITLE_LIMIT = 300;
export const ELLIPSIS = '…';

// Made on first use: building ICU segmenters costs tens of milliseconds at start-up, and plain
// Latin text never needs them (see SIMPLE_GRAPHEMES).
let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;
const graphemes = (): Intl.Segmenter => (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
const words = (): Intl.Segmenter => (wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));

/**
 * Lone surrogates make encodeURIComponent throw and URLSearchParams silently swap in U+FFFD;
 * replacing them up front gives one predictable result in every link.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Text made only of characters that are each one grapheme on their own (no combining marks,
 * joiners or surrogate pairs) is measured by its length; segmenting is slow, and share links are
 * built for every article and quote of every issue.
 */
const SIMPLE_GRAPHEMES = /^[\u0000-\u02ff\u2010-\u2027\u2030-\u205e]*$/;
const LIGHT_FOR_X = /^[\u0000-\u02ff\u2010-\u201f\u2032-\u2037]*$/;

export function graphemeLength(text: string): number {
  if (SIMPLE_GRAPHEMES.test(text)) return text.length;
  return segments(graphemes(), text).length;
}

/**
 * X's weighted length (twitter-text v3): code points in Latin, general punctuation and similar
 * ranges weigh 1, everything else (CJK, most symbols) 2, and an emoji sequence 2 in all. We count
 * after NFC like X does, so decomposed accents are not charged twice.
 */
export function xWeightedLength(text: string): number {
  const nfc = text.normalize('NFC');
  if (LIGHT_FOR_X.test(nfc)) return nfc.length;
  let n = 0;
  for (const { segment } of graphemes().segment(nfc)) {
    if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)) {
      n += 2;
      continue;
    }
    for (const ch of segment) n += isLightForX(ch.codePointAt(0)!) ? 1 : 2;
  }
  return n;
}

function isLightForX(cp: number): boolean {
  return cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
}

/** Left dangling at a cut, these read as noise before the ellipsis. Closing quotes are kept. */
const TRAILING_JUNK = /[\s,;:\-–—(\[{“‘]+$/u;

/**
 * Cuts text so `measure(result) <= limit`, at the last space that fits, and marks the cut with an
 * ellipsis. Text without usable spaces (CJK, one very long word) falls back to Unicode word
 * boundaries, then to grapheme boundaries. All pieces are whole graphemes, so emoji, ZWJ
 * sequences and surrogate pairs are never split.
 */
export function trimToLimit(text: string, limit: number, measure: (s: string) => number): string {
  if (measure(text) <= limit) return text;
  const fits = (s: string) => measure(s + ELLIPSIS) <= limit;
  // Finer cuts only when coarser ones found nothing; each is computed only if needed.
  for (const cut of [() => spaceChunks(text), () => segments(words(), text), () => segments(graphemes(), text)]) {
    const pieces = cut();
    const prefix = (n: number) => pieces.slice(0, n).join('').replace(TRAILING_JUNK, '');
    // A longer prefix never measures less, so the longest one that fits is found by bisection.
    let lo = 0;
    let hi = pieces.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (fits(prefix(mid))) lo = mid;
      else hi = mid - 1;
    }
    const kept = prefix(lo);
    if (kept !== '') return kept + ELLIPSIS;
  }
  return fits('') ? ELLIPSIS : '';
}

function segments(segmenter: Intl.Segmenter, text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Whitespace run plus the word after it, assembled from graphemes so none is split. */
function spaceChunks(text: string): string[] {
  if (SIMPLE_GRAPHEMES.test(text)) return text.match(/\s*\S+|\s+$/g) ?? [];
  const chunks: string[] = [];
  let inSpace = false;
  for (const g of segments(graphemes(), text)) {
    const space = /^\s/u.test(g);
    if (chunks.length === 0 || (space && !inSpace)) chunks.push(g);
    else chunks[chunks.length - 1] += g;
    inSpace = space;
  }
  return chunks;
}

function withQuery(base: string, params: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) query.set(key, wellFormed(value));
  return `${base}?${query.toString()}`;
}

/**
 * URLSearchParams writes spaces as `+`, which mail clients show literally; RFC 6068 wants %20,
 * and CRLF for line breaks in the body.
 */
export function mailtoHref(subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(wellFormed(s));
  return `mailto:?subject=${enc(subject)}&body=${enc(body.replace(/\r?\n/g, '\r\n'))}`;
}

/** What one share carries; each network takes the parts its share URL can hold. */
interface Payload {
  url: string;
  /** Title-like line for networks with a separate title field (Reddit, email subject). */
  subject: string;
  /** The post text before the URL, trimmed by `fitText` per network. */
  text: string;
  fitText: (limit: number, measure: (s: string) => number) => string;
  emailBody: string;
}

function href(network: Network, p: Payload): string {
  switch (network) {
    case 'x':
      return withQuery(X_INTENT, { text: p.fitText(X_LIMIT - X_URL_LENGTH - 1, xWeightedLength), url: p.url });
    case 'linkedin':
      return withQuery(LINKEDIN_SHARE, { url: p.url });
    case 'facebook':
      return withQuery(FACEBOOK_SHARE, { u: p.url });
    case 'bluesky': {
      const room = BLUESKY_LIMIT - graphemeLength(p.url) - 1;
      const text = room > 0 ? p.fitText(room, graphemeLength) : '';
      return withQuery(BLUESKY_COMPOSE, { text: joinText(text, p.url) });
    }
    case 'reddit':
      return withQuery(REDDIT_SUBMIT, { url: p.url, title: trimToLimit(p.subject, REDDIT_TITLE_LIMIT, codePointLength) });
    case 'whatsapp':
      // WhatsApp has no practical length limit, so the text goes whole.
      return withQuery(WHATSAPP_SHARE, { text: joinText(p.text, p.url) });
    case 'email':
      return mailtoHref(p.subject, p.emailBody);
  }
}

function joinText(text: string, url: string): string {
  return text === '' ? url : `${text} ${url}`;
}

function codePointLength(text: string): number {
  return [...text].length;
}

function links(networks: readonly Network[], payload: Payload, aria: (label: string) => string): ShareLink[] {
  return networks.map((network) => ({
    network,
    label: LABELS[network],
    ariaLabel: aria(network === 'email' ? 'by email' : `on ${LABELS[network]}`),
    href: href(network, payload),
  }));
}

export function articleShareLinks(
  article: { title: string; url: string },
  networks: readonly Network[],
  newsletterName: string,
): ShareLink[] {
  const { title, url } = article;
  return links(
    networks,
    {
      url,
      subject: title,
      text: title,
      fitText: (limit, measure) => trimToLimit(title, limit, measure),
      emailBody: `${title}\n${url}\n\nShared from ${newsletterName}`,
    },
    // Short on purpose: the row sits under its article, and every byte counts toward Gmail's clip.
    (where) => `Share ${where}`,
  );
}

/** `“quote” — speaker`; the speaker is left out when the quote is unattributed. */
export function formatQuote(text: string, speaker: string | null): string {
  return speaker ? `“${text}” — ${speaker}` : `“${text}”`;
}

/**
 * Trims the quote body, not the whole line, so the closing mark and the speaker survive the cut.
 * Only when the attribution alone leaves no room is the whole line trimmed.
 */
function fitQuote(quote: { text: string; speaker: string | null }, limit: number, measure: (s: string) => number): string {
  const full = formatQuote(quote.text, quote.speaker);
  if (measure(full) <= limit) return full;
  const body = trimToLimit(quote.text, limit - measure(formatQuote('', quote.speaker)), measure);
  const framed = formatQuote(body, quote.speaker);
  // Measures are not strictly additive (a combining mark can merge with the quote sign), so check.
  return body.length > ELLIPSIS.length && measure(framed) <= limit ? framed : trimToLimit(full, limit, measure);
}

export function quoteShareLinks(
  quote: { text: string; speaker: string | null },
  article: { title: string; url: string },
  networks: readonly Network[],
  newsletterName: string,
): ShareLink[] {
  const line = formatQuote(quote.text, quote.speaker);
  return links(
    networks,
    {
      url: article.url,
      subject: line,
      text: line,
      fitText: (limit, measure) => fitQuote(quote, limit, measure),
      emailBody: `${line}\n\nFrom “${article.title}”\n${article.url}\n\nShared from ${newsletterName}`,
    },
    (where) => `Share this quote ${where}`,
  );
}

export function digestShare(
  issue: { title: string; webUrl: string },
  subscribeUrl: string,
  networks: readonly Network[],
  newsletterName: string,
): DigestShare {
  const body =
    `I thought you would like this issue of ${newsletterName}:\n\n${issue.title}\n${issue.webUrl}\n\n` +
    `You can subscribe here: ${subscribeUrl}`;
  return {
    webUrl: issue.webUrl,
    shareLinks: articleShareLinks({ title: issue.title, url: issue.webUrl }, networks, newsletterName),
    forwardMailto: mailtoHref(`${newsletterName}: ${issue.title}`, body),
    subscribeUrl,
  };
}
