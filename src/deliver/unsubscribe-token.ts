import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Unsubscribe tokens: `<payload>.<mac>`, both base64url, so they travel in a URL unescaped.
 * The payload names the subscriber (and the issue, for the record) and an optional expiry; the
 * MAC is HMAC-SHA256 under a key derived from DIGEST_SECRET, so nobody without the secret can
 * make a token for someone else's id.
 */
export interface TokenClaims {
  subscriberId: number;
  issue?: string;
  /** Seconds since the epoch; absent means the link never expires. */
  expiresAt?: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const VERSION = 'u1';

// A dedicated key: the same DIGEST_SECRET may sign other things later without tokens being interchangeable.
const keyCache = new Map<string, Buffer>();
function unsubscribeKey(secret: string): Buffer {
  let key = keyCache.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('digest unsubscribe token v1').digest();
    keyCache.set(secret, key);
  }
  return key;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', unsubscribeKey(secret)).update(payload).digest();
}

export function signToken(claims: TokenClaims, secret: string): string {
  if (!Number.isSafeInteger(claims.subscriberId) || claims.subscriberId < 0) throw new Error('subscriberId must be a non-negative integer');
  const parts = [VERSION, claims.subscriberId.toString(36), claims.issue ?? '', claims.expiresAt ? claims.expiresAt.toString(36) : ''];
  const payload = Buffer.from(parts.join('\n')).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyToken(token: string, secret: string, nowSeconds: number = Math.floor(Date.now() / 1000)): VerifyResult {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, payload);
  // Length first: timingSafeEqual throws on unequal lengths, and the length is not secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const parts = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const subscriberId = parseInt(parts[1]!, 36);
  if (!Number.isSafeInteger(subscriberId)) return { ok: false, reason: 'malformed' };
  const claims: TokenClaims = { subscriberId };
  if (parts[2]) claims.issue = parts[2];
  if (parts[3]) {
    claims.expiresAt = parseInt(parts[3], 36);
    if (claims.expiresAt < nowSeconds) return { ok: false, reason: 'expired' };
  }
  return { ok: true, claims };
}

/** The one-click link; the endpoint (digest serve) takes GET for the page and POST for RFC 8058. */
export function unsubscribeUrl(webBaseUrl: string, token: string): string {
  return `${webBaseUrl.replace(/\/+$/, '')}/unsubscribe?token=${token}`;
}
