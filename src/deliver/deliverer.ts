import type { OutgoingMessage } from './message.js';
import type { Failure } from './classify.js';

/**
 * The small contract every way out meets (DESIGN.md: deliver(rendered, recipients) → report).
 * The send engine owns personalisation, the ledger, pacing and retries; a transport only moves
 * one finished message and says what happened. SMTP, .eml files (dry run) and any future engine
 * (a job queue, say) plug in here.
 */
export type TransportResult = { ok: true; response: string } | { ok: false; failure: Failure };

export interface MessageTransport {
  readonly name: string;
  /** Checks the way out before the first message (login, reachability); throws a DigestError. */
  verify(): Promise<void>;
  send(message: OutgoingMessage): Promise<TransportResult>;
  close(): Promise<void>;
}
