import { z } from 'zod';
import { dateValue, httpUrl } from '../config/fields.js';

const quoteSchema = z.strictObject({
  text: z.string().trim().min(1),
  speaker: z.string().trim().min(1).nullable().default(null),
});

/** The front matter of a curated article in content/articles/*.md. */
export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1),
  url: httpUrl,
  source: z.string().trim().min(1),
  author: z.string().trim().min(1).optional(),
  published: dateValue,
  section: z.string().trim().min(1),
  summary: z.string().trim().optional(),
  quotes: z.union([z.literal(false), z.array(quoteSchema)]).optional(),
  tags: z.array(z.string().trim().min(1)).default([]),
  image: z.strictObject({ url: httpUrl, alt: z.string().trim().min(1, 'needs alt text for readers who cannot see images') }).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
