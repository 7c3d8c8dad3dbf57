import nodemailer from 'nodemailer';
import type { SendingSettings } from '../config/sending-schema.js';
import type { DkimSettings, SmtpSettings } from '../config/secrets.js';
import { DigestError, ExitCode } from '../errors.js';
import { classifySmtpError } from './classify.js';
import type { MessageTransport, TransportResult } from './deliverer.js';
import type { OutgoingMessage } from './message.js';

// nodemailer's default list, plus List-Unsubscribe-Post: RFC 8058 wants the signature to cover it.
export const DKIM_HEADER_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:' +
  'Content-ID:Content-Description:In-Reply-To:References:List-Id:List-Help:List-Unsubscribe:List-Unsubscribe-Post:' +
  'List-Subscribe:List-Post:List-Owner:List-Archive';

export function smtpTransportOptions(smtp: SmtpSettings, sending: SendingSettings, dkim?: DkimSettings) {
  return {
    pool: true as const,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    ignoreTLS: smtp.ignoreTLS,
    requireTLS: smtp.requireTLS,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
    maxConnections: sending.maxConnections,
    // Bulk: keep connections for the whole run instead of reconnecting every 100 messages.
    maxMessages: Infinity,
    // nodemailer would resend a message whose connection closed, even one the server had
    // accepted; the ledger decides about retries instead.
    maxRequeues: 0,
    connectionTimeout: sending.connectionTimeoutSeconds * 1000,
    greetingTimeout: sending.greetingTimeoutSeconds * 1000,
    socketTimeout: sending.socketTimeoutSeconds * 1000,
    disableFileAccess: true,
    disableUrlAccess: true,
    dkim: dkim ? { ...dkim, headerFieldNames: DKIM_HEADER_FIELDS } : undefined,
  };
}

/** The pooled SMTP way out: sends prebuilt messages as they are, with an explicit envelope. */
export function createSmtpTransport(smtp: SmtpSettings, sending: SendingSettings, dkim?: DkimSettings): MessageTransport {
  const transporter = nodemailer.createTransport(smtpTransportOptions(smtp, sending, dkim));
  return {
    name: `SMTP ${smtp.display}`,
    async verify() {
      try {
        await transporter.verify();
      } catch (err) {
        const failure = classifySmtpError(err);
        throw new DigestError(failure.kind === 'fatal' ? failure.message : `the SMTP server does not answer properly: ${failure.message}`, {
          code: ExitCode.worldFailure,
          hint: /login/.test(failure.message)
            ? 'check the user and password in SMTP_URL (percent-encode special characters)'
            : `check SMTP_URL (${smtp.display}): host, port, and smtps:// for port 465`,
        });
      }
    },
    async send(message: OutgoingMessage): Promise<TransportResult> {
      try {
        const info = await transporter.sendMail({ raw: message.raw, envelope: message.envelope });
        if (info.rejected?.length) {
          return { ok: false, failure: classifySmtpError({ code: 'EENVELOPE', rejectedErrors: info.rejectedErrors, message: 'recipient rejected' }) };
        }
        return { ok: true, response: info.response ?? '' };
      } catch (err) {
        return { ok: false, failure: classifySmtpError(err) };
      }
    },
    async close() {
      transporter.close();
    },
  };
}
