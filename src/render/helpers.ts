import type { HelperDelegate, HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import { placeholder } from './placeholders.js';

/** Marks content that belongs in the email only; the public web page drops it (webpage.ts). */
export const EMAIL_ONLY_START = '<!--digest:email-only-->';
export const EMAIL_ONLY_END = '<!--/digest:email-only-->';

export const TEXT_WIDTH = 72;

/** Helpers shared by the MJML and the plain-text templates. */
export function commonHelpers(): Record<string, HelperDelegate> {
  return {
    /** `{{personal "name" "there"}}`: a per-subscriber value, filled in at send time. */
    personal(key: unknown, ...rest: unknown[]) {
      const fallback = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
      return new Handlebars.SafeString(placeholder(String(key), fallback));
    },
    upper: (s: unknown) => String(s ?? '').toLocaleUpperCase('en'),
    eq: (a: unknown, b: unknown) => a === b,
  };
}

export function mjmlHelpers(): Record<string, HelperDelegate> {
  return {
    ...commonHelpers(),
    'email-only'(this: unknown, options: HelperOptions) {
      return EMAIL_ONLY_START + options.fn(this) + EMAIL_ONLY_END;
    },
  };
}

export function textHelpers(): Record<string, HelperDelegate> {
  return {
    ...commonHelpers(),
    'email-only'(this: unknown, options: HelperOptions) {
      return options.fn(this);
    },
    /** Wraps prose at 72 columns; URLs are never broken, so they stay clickable. */
    wrap: (text: unknown, ...rest: unknown[]) => {
      const indent = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : '';
      return wrapText(String(text ?? ''), TEXT_WIDTH, indent);
    },
    quoted: (text: unknown) => `“${String(text ?? '')}”`,
    /** A section heading underlined to its own length. */
    rule: (title: unknown) => {
      const t = String(title ?? '').toLocaleUpperCase('en');
      return `${t}\n${'='.repeat(Math.min(TEXT_WIDTH, [...t].length))}`;
    },
  };
}

export function wrapText(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && [...(indent + line + ' ' + word)].length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return lines.join('\n');
}
