import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { digestSecretFromEnv, dkimFromEnv, smtpFromEnv } from '../config/secrets.js';
import { DigestError } from '../errors.js';
import type { Logger } from '../log.js';
import { openState, openStateReadOnly, stateDir } from '../store/db.js';
import { findSubscriber, iterateSubscribers, type Subscriber } from '../store/subscribers.js';
import { readBuiltIssue } from './built-issue.js';
import { createEmlTransport } from './eml-transport.js';
import { createMessageFactory, issueMessageOptions, type Recipient } from './message.js';
import { sendIssue, type SendReport } from './send-issue.js';
import { createSmtpTransport } from './smtp-transport.js';

/** Where a send finds everything: the CLI and `digest run` fill this in the same way. */
export interface SendContext {
  contentDir: string;
  outDir: string;
  /** Default: the newest built issue. */
  issueSlug?: string;
  env?: NodeJS.ProcessEnv;
  log: Logger;
}

const DRY_RUN_SECRET = 'dry-run-secret-not-for-real-links';

function load(ctx: SendContext) {
  const config = loadConfig(ctx.contentDir);
  const issue = readBuiltIssue(ctx.outDir, ctx.issueSlug);
  return { newsletter: config.newsletter, issue };
}

/** What a real send needs from the environment, checked before anything connects. */
function sendingSecrets(env: NodeJS.ProcessEnv) {
  return { secret: digestSecretFromEnv(env), smtp: smtpFromEnv(env), dkim: dkimFromEnv(env) };
}

/** A real send: config, built issue, secrets, state, SMTP; resumable, returns the report. */
export async function runSend(ctx: SendContext & { rate?: number; limit?: number; signal?: AbortSignal }): Promise<SendReport> {
  const env = ctx.env ?? process.env;
  const { newsletter, issue } = load(ctx);
  const { secret, smtp, dkim } = sendingSecrets(env);
  const db = openState(stateDir(env));
  const transport = createSmtpTransport(smtp, newsletter.sending, dkim);
  try {
    ctx.log.info(`sending ${issue.meta.slug} ("${issue.meta.subject}") through ${transport.name}${dkim ? `, DKIM ${dkim.keySelector}._domainkey.${dkim.domainName}` : ''}`);
    return await sendIssue({ db, issue, newsletter, transport, secret, log: ctx.log, rate: ctx.rate, limit: ctx.limit, signal: ctx.signal });
  } finally {
    await transport.close();
    db.close();
  }
}

function toRecipient(s: Subscriber): Recipient {
  return { id: s.id, email: s.email, name: s.name, fields: s.fields };
}

/**
 * Writes the first `limit` personalised messages as .eml files under out/<slug>/dry-run/.
 * Reads the state read-only: a dry run changes nothing, not even the database file.
 */
export async function runDryRun(ctx: SendContext & { limit?: number }): Promise<{ dir: string; files: string[] }> {
  const env = ctx.env ?? process.env;
  const { newsletter, issue } = load(ctx);
  let secret = env.DIGEST_SECRET?.trim();
  if (!secret) {
    ctx.log.warn('DIGEST_SECRET is not set: the dry run signs its unsubscribe links with a fake key; a real send needs it');
    secret = DRY_RUN_SECRET;
  }
  const dir = join(issue.dir, 'dry-run');
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.eml')) rmSync(join(dir, f));
  const transport = createEmlTransport(dir);
  await transport.verify();
  const factory = await createMessageFactory(issueMessageOptions(newsletter, newsletter.sending, issue, secret));
  const limit = ctx.limit ?? 3;
  const db = openStateReadOnly(stateDir(env));
  try {
    const recipients: Recipient[] = [];
    if (db) {
      for (const s of iterateSubscribers(db, { status: 'active' })) {
        if (recipients.length >= limit) break;
        recipients.push(toRecipient(s));
      }
    }
    if (!recipients.length) {
      ctx.log.warn('no active subscribers yet: writing one sample message for reader@example.com');
      recipients.push({ id: 0, email: 'reader@example.com', name: 'Sample Reader', fields: {} });
    }
    for (const r of recipients) await transport.send(factory.build(r));
  } finally {
    db?.close();
  }
  return { dir, files: transport.files };
}

/** One copy to `to`, subject marked [TEST], outside the ledger (it never counts as delivered). */
export async function sendTestCopy(ctx: SendContext & { to: string }): Promise<{ messageId: string; response: string }> {
  const env = ctx.env ?? process.env;
  const { newsletter, issue } = load(ctx);
  const { secret, smtp, dkim } = sendingSecrets(env);
  const db = openStateReadOnly(stateDir(env));
  const known = db ? findSubscriber(db, ctx.to) : null;
  db?.close();
  // A known subscriber sees their own name and fields; anyone else gets id 0, which no endpoint accepts.
  const recipient: Recipient = known ? { ...toRecipient(known), email: ctx.to } : { id: 0, email: ctx.to, name: null, fields: {} };
  const factory = await createMessageFactory({
    ...issueMessageOptions(newsletter, newsletter.sending, issue, secret),
    subjectPrefix: '[TEST] ',
    messageIdTag: `test${Date.now().toString(36)}`,
  });
  const transport = createSmtpTransport(smtp, newsletter.sending, dkim);
  try {
    await transport.verify();
    const message = factory.build(recipient);
    const result = await transport.send(message);
    if (!result.ok) throw new DigestError(`the test copy was not accepted: ${result.failure.message}`, { code: 2, hint: 'the address or the server refused it' });
    return { messageId: message.messageId, response: result.response };
  } finally {
    await transport.close();
  }
}
