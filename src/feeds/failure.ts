/**
 * Why one feed could not be read. It stays inside the feeds code: a failing feed is reported
 * with its name and the digest is built from the rest, so this never becomes a DigestError.
 */
export class FeedFailure extends Error {
  /** Worth another attempt: a 5xx, a timeout, a dropped connection. */
  readonly retryable: boolean;
  readonly status?: number;

  constructor(message: string, opts: { retryable?: boolean; status?: number } = {}) {
    super(message);
    this.name = 'FeedFailure';
    this.retryable = opts.retryable ?? false;
    this.status = opts.status;
  }
}

export function reasonOf(err: unknown): string {
  if (err instanceof FeedFailure) return err.message;
  return err instanceof Error ? err.message : String(err);
}
