import { z } from 'zod';
import { emailAddress, hexColour, httpUrl, mailbox, sectionId } from './fields.js';
import { shareSchema } from './share-schema.js';
import { feedsSchema } from './feeds-schema.js';
import { sendingSchema } from './sending-schema.js';

/**
 * content/newsletter.yaml: the newsletter itself. Secrets (SMTP password, signing key, DKIM key)
 * never live here; they come from the environment (env.ts). Every object is strict, so a typo in
 * an optional key is an error with a suggestion rather than a setting silently ignored.
 */
const brandSchema = z.strictObject({
  logoUrl: httpUrl.optional(),
  logoAlt: z.string().default(''),
  logoWidth: z.number().int().min(40).max(600).default(160),
  font: z.string().default("-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"),
  colors: z
    .strictObject({
      primary: hexColour.default('#1f4e79'),
      accent: hexColour.default('#c2410c'),
      text: hexColour.default('#1f2328'),
      muted: hexColour.default('#57606a'),
      background: hexColour.default('#f3f4f6'),
      card: hexColour.default('#ffffff'),
    })
    .prefault({}),
});

const sectionSchema = z.strictObject({
  id: sectionId,
  title: z.string().min(1),
  intro: z.string().optional(),
});

const issueSchema = z.strictObject({
  /** The issue collects the articles published in the N days up to its date. */
  windowDays: z.number().int().min(1).max(366).default(7),
  /** Handlebars patterns; see README for the values they can use. */
  subject: z.string().min(1).default('{{name}} #{{number}}: {{lead.title}}'),
  preheader: z.string().default('{{count}} stories this week, with {{lead.title}}'),
  intro: z.string().optional(),
  greeting: z.string().default('Hi {{personal "name" "there"}},'),
  /** Fewer articles than this and there is no issue: `digest run` exits 3 instead of sending a thin one. */
  minArticles: z.number().int().min(1).default(1),
  maxArticles: z.number().int().min(1).default(30),
  /**
   * `digest run` does not send (or resume) an issue more than this many hours after it was due:
   * after a weekend with the mail server down, readers should not get last week's news.
   */
  sendDeadlineHours: z.number().positive().default(24),
});

export const newsletterSchema = z.strictObject({
  name: z.string().min(1),
  tagline: z.string().default(''),
  language: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language tag like "en" or "en-GB"').default('en'),
  sender: z.strictObject({
    from: mailbox,
    replyTo: emailAddress.optional(),
  }),
  /** Where the web archive is published; "view in browser" and share links point here. */
  webBaseUrl: httpUrl,
  subscribeUrl: httpUrl,
  /** Required by CAN-SPAM and similar laws in commercial email. */
  postalAddress: z.string().min(5),
  /** Tells readers why they get this email. */
  reason: z.string().default('You are receiving this email because you subscribed to {{name}}.'),
  brand: brandSchema.prefault({}),
  sections: z.array(sectionSchema).min(1),
  issue: issueSchema.prefault({}),
  summary: z
    .strictObject({
      /** Summaries taken from the article body are cut at a sentence boundary under this length. */
      maxChars: z.number().int().min(80).max(2000).default(320),
    })
    .prefault({}),
  quotes: z
    .strictObject({
      perArticle: z.number().int().min(0).max(5).default(2),
    })
    .prefault({}),
  share: shareSchema.prefault({}),
  feeds: feedsSchema.default([]),
  sending: sendingSchema.prefault({}),
  /** A folder of the editor's own templates; any partial not found there falls back to the built-in one. */
  templatesDir: z.string().optional(),
});

export type NewsletterConfig = z.output<typeof newsletterSchema>;
export type Section = z.output<typeof sectionSchema>;
