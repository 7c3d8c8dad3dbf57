/**
 * Per-subscriber values are written into the compiled email as placeholders like `%%name%%` or
 * `%%name|there%%` (with a fallback), and filled in at send time. MJML runs once per issue; a
 * send only splices strings, which is what keeps it near the speed of the SMTP link.
 *
 * Keys: `name`, `email`, `unsubscribe_url`, and `fields.<column>` for extra CSV columns.
 */
const PLACEHOLDER = /%%([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)?)(?:\|([^%]*))?%%/g;

export interface Placeholder {
  key: string;
  fallback: string;
}

/** A text split once into literal parts and placeholders, ready to fill many times. */
export interface CompiledText {
  literals: string[];
  slots: Placeholder[];
}

export function compilePlaceholders(text: string): CompiledText {
  const literals: string[] = [];
  const slots: Placeholder[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, m.index));
    slots.push({ key: m[1]!, fallback: m[2] ?? '' });
    last = m.index! + m[0].length;
  }
  literals.push(text.slice(last));
  return { literals, slots };
}

/**
 * Fills a compiled text. `escape` is applied to subscriber values (HTML-escaping for the HTML
 * part, nothing for the text part); fallbacks were written by the template and are already safe.
 */
export function fillPlaceholders(
  compiled: CompiledText,
  values: Readonly<Record<string, string | undefined>>,
  escape: (value: string) => string = (v) => v,
): string {
  let out = compiled.literals[0]!;
  for (let i = 0; i < compiled.slots.length; i++) {
    const slot = compiled.slots[i]!;
    const value = values[slot.key];
    out += (value ? escape(value) : slot.fallback) + compiled.literals[i + 1]!;
  }
  return out;
}

/** The placeholder text a template writes; the renderer's `personal` helper uses it. */
export function placeholder(key: string, fallback?: string): string {
  return fallback ? `%%${key}|${fallback.replace(/%/g, '')}%%` : `%%${key}%%`;
}

/**
 * Third-party text must never be taken for a placeholder (a feed item saying `%%email%%` would
 * print the reader's address). Renderers pass content through this before it reaches a template.
 */
export function neutralisePlaceholders(text: string): string {
  return text.includes('%%') ? text.replace(/%%/g, '%\u2060%') : text;
}
