import { DigestError } from '../errors.js';

/** Option parsers shared by the commands, so every command words its errors the same way. */
export function parseIssueDate(value: string | undefined): Date | 'latest' | undefined {
  if (value === undefined) return undefined;
  if (value === 'latest') return 'latest';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new DigestError(`--date must be a date like 2026-11-28 or "latest" (got "${value}")`);
  return d;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new DigestError(`--port must be a number from 0 to 65535 (got "${value}")`, { hint: 'use --port 0 to pick a free port' });
  }
  return port;
}

export function parsePositiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new DigestError(`${flag} must be a positive number (got "${value}")`);
  return n;
}
