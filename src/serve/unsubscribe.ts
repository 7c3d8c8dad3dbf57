import type { Db } from '../store/db.js';
import { verifyToken } from '../deliver/unsubscribe-token.js';
import { getSubscriber, markSubscriberById } from '../store/subscribers.js';

export type UnsubscribeOutcome = { ok: false; reason: string } | { ok: true; already: boolean; subscriberId: number };

/** Checks a token without changing anything: the GET confirm page uses this. */
export function checkToken(token: string | null, secret: string): { ok: true; subscriberId: number } | { ok: false; reason: string } {
  if (!token) return { ok: false, reason: 'missing token' };
  const v = verifyToken(token, secret);
  return v.ok ? { ok: true, subscriberId: v.claims.subscriberId } : { ok: false, reason: v.reason };
}

/**
 * Unsubscribes the subscriber a valid token names, at once (RFC 8058 one-click). A second click,
 * or a subscriber removed since, is still a success: the reader asked to hear no more, and won't.
 * A bounced subscriber stays bounced: that status says more than "unsubscribed" does.
 */
export function unsubscribe(db: Db, token: string | null, secret: string, via: string): UnsubscribeOutcome {
  const checked = checkToken(token, secret);
  if (!checked.ok) return checked;
  const subscriber = getSubscriber(db, checked.subscriberId);
  if (!subscriber || subscriber.status !== 'active') return { ok: true, already: true, subscriberId: checked.subscriberId };
  markSubscriberById(db, subscriber.id, 'unsubscribed', via);
  return { ok: true, already: false, subscriberId: subscriber.id };
}
