import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { DigestError } from '../errors.js';

/**
 * Secrets and machine settings for sending, read from the environment (or .env, see env.ts).
 * They never come from newsletter.yaml, which is content and often lives in a public repository.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** `?rejectUnauthorized=false` for a test server with a self-signed certificate. */
  rejectUnauthorized: boolean;
  /** `?ignoreTLS=true` never upgrades (a local sink); `?requireTLS=true` refuses to send in clear. */
  ignoreTLS: boolean;
  requireTLS: boolean;
  /** The URL with the password masked, for messages. */
  display: string;
}

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

const ENV_HINT = 'set it in the environment or in .env (see .env.example)';

export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  const raw = env.SMTP_URL?.trim();
  if (!raw) throw new DigestError('SMTP_URL is not set', { hint: `${ENV_HINT}, e.g. SMTP_URL=smtps://user:password@smtp.example.com:465` });
  return parseSmtpUrl(raw);
}

export function parseSmtpUrl(raw: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the value: it usually holds a password.
    throw new DigestError('SMTP_URL is not a valid URL', { hint: 'use smtp://user:password@host:587 or smtps://user:password@host:465 (percent-encode special characters in the password)' });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new DigestError(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`, { hint: ENV_HINT });
  }
  if (!url.hostname) throw new DigestError('SMTP_URL has no host', { hint: 'e.g. smtp://localhost:2525' });
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const flag = (name: string): boolean | undefined => {
    const v = url.searchParams.get(name);
    return v === null ? undefined : v === 'true' || v === '1';
  };
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const pass = url.password ? decodeURIComponent(url.password) : undefined;
  const masked = new URL(url.href);
  if (masked.password) masked.password = '****';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure,
    user,
    pass,
    rejectUnauthorized: flag('rejectUnauthorized') ?? true,
    ignoreTLS: flag('ignoreTLS') ?? false,
    requireTLS: flag('requireTLS') ?? false,
    display: masked.href,
  };
}

/** The key that signs unsubscribe links, or a user error saying how to make one. */
export function digestSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.DIGEST_SECRET?.trim();
  if (!secret) {
    throw new DigestError('DIGEST_SECRET is not set: it signs the unsubscribe links', {
      hint: `${ENV_HINT}; make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`,
    });
  }
  if (secret.length < 16) throw new DigestError('DIGEST_SECRET is too short to sign links safely', { hint: 'use at least 32 random characters' });
  return secret;
}

/** DKIM settings when DKIM_DOMAIN is set; all-or-nothing so a half-configured key is caught early. */
export function dkimFromEnv(env: NodeJS.ProcessEnv = process.env): DkimSettings | undefined {
  const domain = env.DKIM_DOMAIN?.trim();
  const selector = env.DKIM_SELECTOR?.trim();
  const inline = env.DKIM_PRIVATE_KEY?.trim();
  const file = env.DKIM_PRIVATE_KEY_FILE?.trim();
  if (!domain && !selector && !inline && !file) return undefined;
  if (!domain || !selector || (!inline && !file)) {
    throw new DigestError('DKIM is half configured', {
      hint: 'set DKIM_DOMAIN, DKIM_SELECTOR and one of DKIM_PRIVATE_KEY / DKIM_PRIVATE_KEY_FILE, or none of them',
    });
  }
  let privateKey: string;
  if (inline) {
    // .env files cannot hold multi-line values everywhere, so accept "\n" escapes.
    privateKey = inline.replace(/\\n/g, '\n');
  } else {
    try {
      privateKey = readFileSync(file!, 'utf8');
    } catch (err) {
      throw new DigestError(`cannot read the DKIM key: ${(err as Error).message}`, { file, hint: 'DKIM_PRIVATE_KEY_FILE must name a PEM file' });
    }
  }
  try {
    createPrivateKey(privateKey);
  } catch {
    throw new DigestError('the DKIM private key is not a valid PEM key', { file, hint: 'generate one with: openssl genrsa -out dkim.pem 2048' });
  }
  return { domainName: domain, keySelector: selector, privateKey };
}
