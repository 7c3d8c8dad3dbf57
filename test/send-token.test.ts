import { describe, expect, it } from 'vitest';
import { signToken, unsubscribeUrl, verifyToken } from '../src/deliver/unsubscribe-token.js';

const SECRET = 'a-secret-that-is-long-enough-123456';

describe('unsubscribe tokens', () => {
  it('round-trips the subscriber and issue, URL-safe', () => {
    const token = signToken({ subscriberId: 42, issue: '2026-11-28-issue-7' }, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken(token, SECRET)).toEqual({ ok: true, claims: { subscriberId: 42, issue: '2026-11-28-issue-7' } });
    expect(unsubscribeUrl('https://x.example/digest/', token)).toBe(`https://x.example/digest/unsubscribe?token=${token}`);
  });

  it('cannot be forged, altered or used with another secret', () => {
    const token = signToken({ subscriberId: 42 }, SECRET);
    const other = signToken({ subscriberId: 43 }, SECRET);
    const [payload43] = other.split('.');
    const [, mac42] = token.split('.');
    expect(verifyToken(`${payload43}.${mac42}`, SECRET)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(token, SECRET + 'x')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(token.slice(0, -2), SECRET)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken('garbage', SECRET)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('expires when asked to', () => {
    const token = signToken({ subscriberId: 1, expiresAt: 1_000_000 }, SECRET);
    expect(verifyToken(token, SECRET, 999_999)).toMatchObject({ ok: true, claims: { subscriberId: 1, expiresAt: 1_000_000 } });
    expect(verifyToken(token, SECRET, 1_000_001)).toEqual({ ok: false, reason: 'expired' });
  });
});
