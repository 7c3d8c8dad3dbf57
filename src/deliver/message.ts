import { createHash, randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWords, foldLines, isPlainText, quoteString } from 'nodemailer/lib/mime-funcs';
import type { BuiltIssue } from './built-issue.js';
import { compileBody, escapeHtml, pushBody, toBufferBody } from './qp-body.js';
import { signToken, unsubscribeUrl } from './unsubscribe-token.js';

/** Who a message goes to: what the ledger and the subscribers table know. */
export interface Recipient {
  id: number;
  email: string;
  name: string | null;
  fields: Record<string, string>;
}

/** The newsletter.yaml values every message of an issue takes: one mapping for all three senders. */
export function issueMessageOptions(
  newsletter: { name: string; sender: { from: string; replyTo?: string }; webBaseUrl: string },
  sending: { listId?: string; unsubscribeMailto?: string; unsubscribeTokenDays?: number },
  issue: BuiltIssue,
  secret: string,
): MessageOptions {
  return {
    issue,
    from: newsletter.sender.from,
    replyTo: newsletter.sender.replyTo,
    webBaseUrl: newsletter.webBaseUrl,
    listName: newsletter.name,
    listId: sending.listId,
    unsubscribeMailto: sending.unsubscribeMailto,
    secret,
    tokenDays: sending.unsubscribeTokenDays,
  };
}

/** A finished message, ready for any deliverer (SMTP, .eml file). */
export interface OutgoingMessage {
  subscriberId: number;
  messageId: string;
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

export interface MessageOptions {
  issue: BuiltIssue;
  /** "Name <address>" from newsletter.yaml. */
  from: string;
  replyTo?: string;
  webBaseUrl: string;
  listName: string;
  listId?: string;
  unsubscribeMailto?: string;
  secret: string;
  /** Unsubscribe links expire after this many days; 0 never. */
  tokenDays?: number;
  /** Test copies get a marked subject. */
  subjectPrefix?: string;
  /** Keeps a test copy's Message-ID apart from the real one, so inboxes don't merge them. */
  messageIdTag?: string;
  date?: Date;
}

export interface MessageFactory {
  build(recipient: Recipient): OutgoingMessage;
  readonly subject: string;
}

/** The bare address out of "Name <address>". */
export function addressOf(mailbox: string): string {
  const m = /<([^<>]+)>\s*$/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim();
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** One line, no control characters: whatever content says, it cannot start a new header. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\s\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** Same (issue, subscriber), same Message-ID: a resent copy after a crash threads as one message. */
export function messageIdFor(slug: string, subscriberId: number, fromDomain: string): string {
  const safeSlug = slug.replace(/[^A-Za-z0-9-]/g, '-');
  const hash = createHash('sha256').update(`${slug}\n${subscriberId}\n${fromDomain}`).digest('hex').slice(0, 12);
  return `<${safeSlug}.${subscriberId}.${hash}@${fromDomain}>`;
}

export function defaultListId(listName: string, fromDomain: string): string {
  const label = listName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'digest';
  return `${label}.${fromDomain}`;
}

/**
 * Builds the MIME skeleton once per issue with nodemailer's MailComposer (header encoding,
 * folding, multipart/alternative and boundaries are its job), with random markers where the
 * per-subscriber parts go. Each message is then a handful of string joins.
 */
export async function createMessageFactory(opts: MessageOptions): Promise<MessageFactory> {
  const { issue } = opts;
  const fromAddress = addressOf(opts.from);
  const fromDomain = domainOf(fromAddress);
  const listId = opts.listId ?? defaultListId(opts.listName, fromDomain);
  const subject = oneLine((opts.subjectPrefix ?? '') + issue.meta.subject);
  const mark = (what: string): string => `M${randomBytes(8).toString('hex')}${what}`;
  const marks = { to: mark('to'), msgid: mark('msgid'), token: mark('token'), text: mark('text'), html: mark('html') };

  const unsubscribe = [`<${unsubscribeUrl(opts.webBaseUrl, marks.token)}>`];
  if (opts.unsubscribeMailto) unsubscribe.push(`<mailto:${opts.unsubscribeMailto}?subject=unsubscribe>`);
  const composer = new MailComposer({
    from: opts.from,
    replyTo: opts.replyTo,
    to: `${marks.to}@example.invalid`,
    subject,
    messageId: `<${marks.msgid}@example.invalid>`,
    date: opts.date ?? new Date(),
    headers: {
      'List-Id': `${oneLine(opts.listName).replace(/[<>"]/g, '')} <${listId}>`,
      'List-Unsubscribe': unsubscribe.join(', '),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    text: { raw: `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${marks.text}` },
    html: { raw: `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${marks.html}` },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const skeleton = await new Promise<string>((resolve, reject) =>
    composer.compile().build((err, buf) => (err ? reject(err) : resolve(buf.toString('utf8')))),
  );

  const slots: { key: keyof typeof marks; at: number; len: number }[] = [];
  const find = (key: keyof typeof marks, needle: string): void => {
    const at = skeleton.indexOf(needle);
    if (at < 0 || skeleton.indexOf(needle, at + 1) >= 0) throw new Error(`message skeleton: marker ${key} not found exactly once`);
    slots.push({ key, at, len: needle.length });
  };
  const toLine = /^To: .*\r\n/m.exec(skeleton);
  if (!toLine) throw new Error('message skeleton: no To header');
  find('to', toLine[0]);
  find('msgid', `<${marks.msgid}@example.invalid>`);
  find('token', marks.token);
  find('text', marks.text);
  find('html', marks.html);
  slots.sort((a, b) => a.at - b.at);
  const literals: Buffer[] = [];
  let last = 0;
  for (const s of slots) {
    literals.push(Buffer.from(skeleton.slice(last, s.at), 'utf8'));
    last = s.at + s.len;
  }
  literals.push(Buffer.from(skeleton.slice(last), 'utf8'));

  const text = toBufferBody(compileBody(issue.text));
  const html = toBufferBody(compileBody(issue.html, escapeHtml));
  const expiresAt = opts.tokenDays ? Math.floor((opts.date ?? new Date()).getTime() / 1000) + opts.tokenDays * 86400 : undefined;

  return {
    subject,
    build(r: Recipient): OutgoingMessage {
      const token = signToken({ subscriberId: r.id, issue: issue.meta.slug, expiresAt }, opts.secret);
      const values: Record<string, string | undefined> = { name: r.name ? oneLine(r.name) : undefined, email: r.email, unsubscribe_url: unsubscribeUrl(opts.webBaseUrl, token) };
      for (const k in r.fields) values[`fields.${k}`] = r.fields[k];
      const messageId = messageIdFor(opts.messageIdTag ? `${issue.meta.slug}-${opts.messageIdTag}` : issue.meta.slug, r.id, fromDomain);
      const out: Buffer[] = [literals[0]!];
      for (let i = 0; i < slots.length; i++) {
        switch (slots[i]!.key) {
          case 'to':
            out.push(Buffer.from(toHeader(r), 'utf8'));
            break;
          case 'msgid':
            out.push(Buffer.from(messageId, 'utf8'));
            break;
          case 'token':
            out.push(Buffer.from(token, 'ascii'));
            break;
          case 'text':
            pushBody(text, values, out);
            break;
          case 'html':
            pushBody(html, values, out);
            break;
        }
        out.push(literals[i + 1]!);
      }
      const raw = Buffer.concat(out);
      return { subscriberId: r.id, messageId, envelope: { from: fromAddress, to: [r.email] }, raw };
    },
  };
}

/** `To: "Name" <address>`, encoded and folded; the name is flattened to one line first. */
function toHeader(r: Recipient): string {
  const email = oneLine(r.email);
  const name = r.name ? oneLine(r.name) : '';
  let value = email;
  // All of a non-ASCII name is encoded, so specials in it (<, :, ") cannot split the address.
  if (name) value = `${isPlainText(name) ? quoteString(name) : encodeWords(name, 'B', 52, true)} <${email}>`;
  return foldLines(`To: ${value}`, 76) + '\r\n';
}
