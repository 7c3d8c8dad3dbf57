import { afterEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../src/config/load.js';
import { parseSmtpUrl } from '../src/config/secrets.js';
import { readBuiltIssue } from '../src/deliver/built-issue.js';
import { sendIssue, type SendReport } from '../src/deliver/send-issue.js';
import { createSmtpTransport } from '../src/deliver/smtp-transport.js';
import { verifyToken } from '../src/deliver/unsubscribe-token.js';
import { iterateDeliveries } from '../src/store/ledger.js';
import { openState, type Db } from '../src/store/db.js';
import { findSubscriber, importSubscribers } from '../src/store/subscribers.js';
import { createMemoryLogger } from '../src/log.js';
import { csv, SECRET, SLUG, startSink, workspace, type Sink, type SinkHooks, type Workspace } from './fixtures/send/helpers.js';

let ws: Workspace;
let sink: Sink;
let db: Db;

afterEach(async () => {
  db?.close();
  await sink?.close();
  ws?.cleanup();
});

async function setup(n: number, hooks: SinkHooks = {}, csvText = csv(n)): Promise<void> {
  ws = workspace();
  sink = await startSink(hooks);
  db = openState(ws.stateDir);
  await importSubscribers(db, Readable.from([csvText]));
}

async function send(dkim?: { domainName: string; keySelector: string; privateKey: string }): Promise<SendReport> {
  const { newsletter } = loadConfig(ws.contentDir);
  const transport = createSmtpTransport(parseSmtpUrl(sink.url), newsletter.sending, dkim);
  try {
    return await sendIssue({ db, issue: readBuiltIssue(ws.outDir), newsletter, transport, secret: SECRET, log: createMemoryLogger() });
  } finally {
    await transport.close();
  }
}

describe('digest send: messages', () => {
  it('sends each subscriber exactly one personalised message with RFC 8058 headers', async () => {
    await setup(25);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const report = await send({ domainName: 'signal-noise.example', keySelector: 'digest', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    expect(report.sent).toBe(25);
    expect(report.complete).toBe(true);
    expect(sink.received).toHaveLength(25);

    const seenIds = new Set<string>();
    for (let i = 0; i < 25; i++) {
      const email = `user${i}@example.com`;
      const mine = sink.received.filter((r) => r.to.join() === email);
      expect(mine, email).toHaveLength(1);
      expect(mine[0]!.from).toBe('digest@signal-noise.example');
      const raw = mine[0]!.raw.toString('utf8');
      const mail = await sink.parse(mine[0]!);
      const sub = findSubscriber(db, email)!;

      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : undefined).toEqual({ address: email, name: `User ${i}` });
      expect(mail.from!.value[0]).toEqual({ address: 'digest@signal-noise.example', name: 'Signal & Noise' });
      expect(mail.replyTo!.value[0]!.address).toBe('editors@signal-noise.example');
      expect(mail.subject).toBe('Signal & Noise #7: Café talks, “quotes” and more');
      expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      expect(mail.text).toContain(`Hi User ${i},`);
      expect(mail.html).toContain(`Hi User ${i},`);
      expect(mail.html).toContain(`<span class="city">City ${i}</span>`);
      expect(mail.html).toContain(`Sent to ${email}.`);
      expect(mail.html).toContain('“We will keep talking,” said the minister. This line is deliberately long');

      // Message-ID: deterministic per (issue, subscriber), on the From domain.
      expect(mail.messageId).toMatch(new RegExp(`^<${SLUG}\\.${sub.id}\\.[0-9a-f]{12}@signal-noise\\.example>$`));
      seenIds.add(mail.messageId!);

      // RFC 8058 / 2369: one HTTPS URI in angle brackets (plus a mailto), and the exact Post header.
      const lu = /^List-Unsubscribe:((?:.*\r\n[ \t].*)*.*)\r\n/im.exec(raw)![1]!.replace(/\r\n[ \t]+/g, ' ').trim();
      const uris = lu.split(/,\s*/).map((u) => /^<([^<>]+)>$/.exec(u)![1]!);
      expect(uris).toHaveLength(2);
      const https = new URL(uris[0]!);
      expect(https.protocol).toBe('https:');
      expect(https.origin + https.pathname).toBe('https://signal-noise.example/digest/unsubscribe');
      expect(uris[1]).toBe('mailto:unsubscribe@signal-noise.example?subject=unsubscribe');
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(raw.match(/^List-Unsubscribe-Post:/gim)).toHaveLength(1);
      expect(raw).toMatch(/^List-ID: Signal & Noise <signal-noise\.signal-noise\.example>\r$/m);

      // The token names this subscriber and this issue; the body link is the header link.
      const token = https.searchParams.get('token')!;
      const verified = verifyToken(token, SECRET);
      expect(verified).toEqual({ ok: true, claims: { subscriberId: sub.id, issue: SLUG } });
      expect(mail.html).toContain(`href="${uris[0]}"`);
      expect(mail.text).toContain(`Unsubscribe: ${uris[0]}`);

      // DKIM covers both unsubscribe headers.
      const dkim = String(mail.headers.get('dkim-signature') ? raw.match(/^DKIM-Signature:((?:.*\r\n[ \t].*)*.*)/im)![1] : '').replace(/\s+/g, '');
      const h = /(?:^|;)h=([^;]+)/.exec(dkim)![1]!.toLowerCase().split(':');
      expect(h).toEqual(expect.arrayContaining(['from', 'subject', 'to', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
      expect(dkim).toContain('d=signal-noise.example');
      expect(dkim).toContain('s=digest');
    }
    expect(seenIds.size).toBe(25);
    const rows = [...iterateDeliveries(db, SLUG)];
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.messageId))).toEqual(seenIds);
  });

  it('a second run sends nothing once every row is sent', async () => {
    await setup(5);
    await send();
    const again = await send();
    expect(again.sent).toBe(0);
    expect(again.complete).toBe(true);
    expect(sink.received).toHaveLength(5);
  });

  it('no header can be injected through the subject or a name', async () => {
    await setup(0, {}, 'email,name\nplain@example.com,Someone\n');
    db.prepare("UPDATE subscribers SET name = ? WHERE email = 'plain@example.com'").run('Eve\r\nBcc: victim@example.com\r\nX-Evil: 1');
    db.prepare("INSERT INTO subscribers (email, email_key, name, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')").run('other@example.com', 'other@example.com', '"Mallory" <boss@example.com>, \nSubject: hi');
    const meta = JSON.parse((await import('node:fs')).readFileSync(`${ws.outDir}/${SLUG}/issue.json`, 'utf8'));
    meta.subject = 'Weekly\r\nBcc: victim@example.com\nX-Injected: yes';
    (await import('node:fs')).writeFileSync(`${ws.outDir}/${SLUG}/issue.json`, JSON.stringify(meta));
    const report = await send();
    expect(report.sent).toBe(2);
    expect(sink.received.map((r) => r.to)).toEqual(expect.arrayContaining([['plain@example.com'], ['other@example.com']]));
    expect(sink.attempts.sort()).toEqual(['other@example.com', 'plain@example.com']);
    for (const r of sink.received) {
      const mail = await sink.parse(r);
      expect(mail.headers.has('bcc')).toBe(false);
      expect(mail.headers.has('x-evil')).toBe(false);
      expect(mail.headers.has('x-injected')).toBe(false);
      expect(mail.subject).toBe('Weekly Bcc: victim@example.com X-Injected: yes');
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.value : [];
      expect(to).toHaveLength(1);
      expect(to[0]!.address).toBe(r.to[0]);
    }
  });
});

describe('digest send: failures', () => {
  it('retries 450 and dropped or stalled connections, bounces 550, and the ledger matches what arrived', async () => {
    const busy = new Set(['user1@example.com', 'user2@example.com']);
    const dead = new Set(['user3@example.com', 'user4@example.com']);
    const tries = new Map<string, number>();
    const hooks: SinkHooks = {
      rcpt(address) {
        tries.set(address, (tries.get(address) ?? 0) + 1);
        if (dead.has(address)) return 550;
        if (busy.has(address) && tries.get(address)! <= 1) return 450;
        if (address === 'user9@example.com') return 450; // never gives up being busy
        return undefined;
      },
      data(to) {
        const n = tries.get(to[0]!) ?? 0;
        if (to[0] === 'user5@example.com' && n === 1) return 'drop';
        if (to[0] === 'user6@example.com' && n === 1) return 'stall';
        return 'accept';
      },
    };
    await setup(12, hooks);
    const report = await send();

    const rows = new Map([...iterateDeliveries(db, SLUG)].map((r) => [r.email, r]));
    for (const email of ['user1@example.com', 'user2@example.com', 'user5@example.com', 'user6@example.com']) {
      expect(rows.get(email)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sink.countFor(email), email).toBe(1);
    }
    for (const email of dead) {
      expect(rows.get(email)).toMatchObject({ status: 'failed', attempts: 1 });
      expect(rows.get(email)!.lastError).toMatch(/^550 /);
      expect(tries.get(email)).toBe(1);
      expect(findSubscriber(db, email)!.status).toBe('bounced');
      expect(sink.countFor(email)).toBe(0);
    }
    // maxAttempts is 3 in the fixture: three tries, then final.
    expect(rows.get('user9@example.com')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(tries.get('user9@example.com')).toBe(3);
    expect(findSubscriber(db, 'user9@example.com')!.status).toBe('active');

    // Ledger and inbox agree, row by row.
    for (const [email, row] of rows) expect(sink.countFor(email), email).toBe(row.status === 'sent' ? 1 : 0);
    expect(report).toMatchObject({ sent: 9, bounced: 2, failed: 1, complete: true, leftForRetry: 0 });
    expect(report.retried).toBe(6);
  });

  it('leaves rows for a later run when retries are due too late, and that run finishes them', async () => {
    let refuse = true;
    await setup(4, { rcpt: (a) => (refuse && a === 'user0@example.com' ? 451 : undefined) });
    (await import('node:fs')).appendFileSync(`${ws.contentDir}/newsletter.yaml`, '');
    const { newsletter } = loadConfig(ws.contentDir);
    const transport = createSmtpTransport(parseSmtpUrl(sink.url), newsletter.sending);
    const first = await sendIssue({
      db, issue: readBuiltIssue(ws.outDir), newsletter: { ...newsletter, sending: { ...newsletter.sending, retryBaseSeconds: 3600 } },
      transport, secret: SECRET, log: createMemoryLogger(),
    });
    await transport.close();
    expect(first).toMatchObject({ sent: 3, complete: false, leftForRetry: 1 });
    expect(first.ledger.retrying).toBe(1);
    refuse = false;
    db.prepare('UPDATE deliveries SET next_attempt_at = 0').run();
    const second = await send();
    expect(second).toMatchObject({ sent: 1, complete: true });
    expect(sink.countFor('user0@example.com')).toBe(1);
  });

  it('skips subscribers who unsubscribed after the send began', async () => {
    await setup(3, { rcpt: (a) => (a === 'user1@example.com' ? 450 : undefined) });
    const { newsletter } = loadConfig(ws.contentDir);
    const transport = createSmtpTransport(parseSmtpUrl(sink.url), newsletter.sending);
    await sendIssue({ db, issue: readBuiltIssue(ws.outDir), newsletter: { ...newsletter, sending: { ...newsletter.sending, maxRetryWaitSeconds: 0, retryBaseSeconds: 60 } }, transport, secret: SECRET, log: createMemoryLogger() });
    await transport.close();
    db.prepare("UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'user1@example.com'").run();
    db.prepare('UPDATE deliveries SET next_attempt_at = 0').run();
    const report = await send();
    expect(report.complete).toBe(true);
    expect(report.ledger).toMatchObject({ sent: 2, skipped: 1 });
    expect(sink.countFor('user1@example.com')).toBe(0);
  });
});
