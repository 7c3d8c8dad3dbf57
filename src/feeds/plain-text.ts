import { compile } from 'html-to-text';

/**
 * Feed HTML never reaches the email as HTML: it becomes plain text here. Links keep their words
 * but lose their targets (a javascript: href has nowhere to go), and elements whose content is
 * code or embedded media are dropped with their content, not just their tags.
 */
const DROPPED = ['script', 'style', 'iframe', 'noscript', 'object', 'embed', 'svg', 'math', 'template', 'form', 'button', 'select', 'video', 'audio', 'canvas', 'head', 'img', 'picture'];

const toText = compile({
  wordwrap: false,
  decodeEntities: true,
  limits: { maxInputLength: 5_000_000 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => ({ selector: h, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'th', format: 'block' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    ...DROPPED.map((selector) => ({ selector, format: 'skip' })),
  ],
});

const LOOKS_LIKE_MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/** HTML (or plain text) to paragraphs of plain text separated by blank lines. */
export function htmlToPlain(html: string): string {
  const text = LOOKS_LIKE_MARKUP.test(html) ? toText(html) : html;
  return text
    .split(/\n\s*\n/)
    // Some feeds escape their HTML twice; what survives one pass as markup is still markup, not prose.
    .map((p) => (LOOKS_LIKE_MARKUP.test(p) ? toText(p) : p))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** A title or a name: one line of plain text. */
export function inlinePlain(html: string): string {
  return htmlToPlain(html).replace(/\s+/g, ' ').trim();
}
