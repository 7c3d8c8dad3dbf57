import { z } from 'zod';

/**
 * The `sending:` part of newsletter.yaml. Every field has a default, so a newsletter that never
 * mentions sending still sends sensibly. Secrets (SMTP password, signing key) are not here.
 */
export const sendingSchema = z.strictObject({
  /** Messages per second across the whole pool; 0 means as fast as the server takes them. */
  rate: z.number().min(0).default(50),
  /** SMTP connections kept open at once. */
  maxConnections: z.number().int().min(1).max(50).default(5),
  /**
   * Rows claimed (`sending`) but not yet recorded as done; a crash can duplicate at most this many.
   * Default 8 × maxConnections: the ledger commits when half the window is free, and fewer, larger
   * commits are what let a durable send keep pace with the SMTP link.
   */
  maxInFlight: z.number().int().min(1).max(500).optional(),
  /** Tries per (issue, subscriber) across all runs before a temporary failure becomes final. */
  maxAttempts: z.number().int().min(1).max(50).default(5),
  /** First retry waits this long; each further one doubles it. */
  retryBaseSeconds: z.number().min(0).default(30),
  /** A run waits this long at most for due retries; later ones are left for the next run. */
  maxRetryWaitSeconds: z.number().min(0).default(300),
  /** This many failures in a row means the server is refusing us: stop instead of burning the list. */
  maxConsecutiveFailures: z.number().int().min(1).default(50),
  connectionTimeoutSeconds: z.number().positive().default(30),
  greetingTimeoutSeconds: z.number().positive().default(30),
  socketTimeoutSeconds: z.number().positive().default(60),
  /** The List-Id header; derived from the From domain when not given (e.g. `digest.example.com`). */
  listId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+$/, 'must be a dotted identifier like "weekly.example.com"')
    .optional(),
  /** Adds `<mailto:…>` to List-Unsubscribe next to the one-click HTTPS link. */
  unsubscribeMailto: z.string().trim().regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'must be an email address').optional(),
  /** How long an unsubscribe link stays valid; 0 means it never expires. */
  unsubscribeTokenDays: z.number().int().min(0).default(0),
});
export type SendingSettings = z.output<typeof sendingSchema>;
