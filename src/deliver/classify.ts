/**
 * What a failed SMTP attempt means for the row and for the run. nodemailer does not tell
 * temporary from permanent failures, so this reads the reply code and the error's origin.
 *
 * - temporary: 4xx, a dropped connection, a timeout: retry later (within and across runs)
 * - bounce:    5xx to RCPT TO: the address is dead; mark the subscriber bounced, never retry
 * - rejected:  5xx to the message itself (DATA): final for this row, the subscriber stays
 * - fatal:     authentication failed or the server cannot be reached: stop the run at once
 */
export type FailureKind = 'temporary' | 'bounce' | 'rejected' | 'fatal';

export interface Failure {
  kind: FailureKind;
  message: string;
  responseCode?: number;
}

interface SmtpErrorLike {
  message?: string;
  code?: string;
  originalCode?: string;
  command?: string;
  syscall?: string;
  responseCode?: number;
  response?: string;
  rejectedErrors?: SmtpErrorLike[];
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

export function classifySmtpError(error: unknown): Failure {
  const err = (error ?? {}) as SmtpErrorLike;
  const inner = err.rejectedErrors?.[0];
  const responseCode = err.responseCode ?? inner?.responseCode;
  const message = oneLine(inner?.response ?? err.response ?? err.message ?? String(error));
  if (err.code === 'EAUTH' || err.command === 'AUTH PLAIN' || err.command === 'AUTH LOGIN') {
    return { kind: 'fatal', message: `the SMTP server refused the login: ${message}`, responseCode };
  }
  const origin = err.originalCode ?? err.code ?? '';
  if (UNREACHABLE.has(origin) || (err.syscall === 'connect' && err.command === 'CONN')) {
    return { kind: 'fatal', message: `cannot reach the SMTP server: ${message}`, responseCode };
  }
  if (responseCode && responseCode >= 500 && responseCode < 600) {
    const toRecipient = err.code === 'EENVELOPE' && /RCPT/i.test(inner?.command ?? err.command ?? 'RCPT TO');
    return { kind: toRecipient ? 'bounce' : 'rejected', message: `${responseCode} ${message}`, responseCode };
  }
  // 4xx (421 arrives as ECONNECTION), dropped sockets, timeouts, TLS hiccups: try again later.
  return { kind: 'temporary', message: responseCode ? `${responseCode} ${message}` : message, responseCode };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300);
}
