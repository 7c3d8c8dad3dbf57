import { z } from 'zod';

/** Whether a string is an absolute http(s) URL. */
export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Small field schemas shared by the config and the article front matter. */
export const httpUrl = z.string().trim().refine(isHttpUrl, 'must be an http(s) URL like https://example.com/page');

export const hexColour = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour like #1a73e8');

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
export const emailAddress = z.string().trim().regex(EMAIL, 'must be an email address like editor@example.com');

/** "Name <address>" or a bare address; no CR/LF, so it can never smuggle a header. */
export const mailbox = z
  .string()
  .trim()
  .refine((v) => !/[\r\n]/.test(v), 'must be on one line')
  .refine((v) => {
    const m = /^(?:"?([^"<>]*)"?\s*)?<([^<>]+)>$/.exec(v);
    return EMAIL.test(m ? m[2]! : v);
  }, 'must be an address like "The Weekly <news@example.com>"');

export const sectionId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes, like "world-news"');

/** Dates in YAML arrive as Date objects (unquoted) or strings; both become a valid Date. */
export const dateValue = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : parseDateString(v);
  if (!d || Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be a date like 2026-11-28 (or 2026-11-28T09:30:00Z)' });
    return z.NEVER;
  }
  return d;
});

function parseDateString(v: string): Date | null {
  const s = v.trim();
  // Only ISO dates: "next tuesday" or "11/12/2026" are ambiguous and must be rejected, not guessed.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? null : d;
}
