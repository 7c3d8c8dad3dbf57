/**
 * Link safety for hrefs that come from content (articles, feeds, Markdown). Only http(s) and
 * mailto reach the email; everything else is dropped with a warning the caller logs next to the
 * file name. The scheme is judged the way a browser would read it, so tricks that a browser
 * undoes (case, surrounding whitespace, tabs or newlines inside the scheme) do not slip through.
 */

export interface SafeLink {
  href: string | null;
  warning?: string;
}

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/**
 * What the WHATWG URL parser does before reading a scheme: strip leading and trailing C0
 * controls and spaces, and remove tabs and newlines anywhere.
 */
function browserView(raw: string): string {
  return raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

function shown(raw: string): string {
  const oneLine = JSON.stringify(raw);
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…"` : oneLine;
}

function schemeOf(cleaned: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return match ? `${match[1]!.toLowerCase()}:` : null;
}

function httpBase(base: string | undefined): URL | null {
  if (base === undefined) return null;
  try {
    const parsed = new URL(base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

export function safeHref(raw: string, base?: string): SafeLink {
  const cleaned = browserView(raw);
  if (cleaned === '') return { href: null, warning: 'dropped an empty link' };

  const scheme = schemeOf(cleaned);
  if (scheme !== null) {
    if (!ALLOWED.has(scheme)) return { href: null, warning: `dropped a ${scheme} link: ${shown(raw)}` };
    try {
      const parsed = new URL(cleaned);
      if (scheme !== 'mailto:' && parsed.hostname === '') throw new Error('no host');
      return { href: parsed.href };
    } catch {
      return { href: null, warning: `dropped a malformed ${scheme} link: ${shown(raw)}` };
    }
  }

  const against = httpBase(base);
  if (against === null) {
    // Without an http(s) base a relative or protocol-relative link has no safe meaning.
    const kind = /^[\\/]{2}/.test(cleaned) ? 'protocol-relative' : 'relative';
    return { href: null, warning: `dropped a ${kind} link with no article URL to resolve it against: ${shown(raw)}` };
  }
  try {
    const resolved = new URL(cleaned, against);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') throw new Error('not http');
    return { href: resolved.href, warning: `made relative link ${shown(raw)} absolute: ${resolved.href}` };
  } catch {
    return { href: null, warning: `dropped a relative link that does not resolve against ${against.href}: ${shown(raw)}` };
  }
}
