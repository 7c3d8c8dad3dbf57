import { issues } from './001-issues.js';
import { subscribers } from './002-subscribers.js';
import { feeds } from './003-feeds.js';
import { issueAbandoned } from './004-issue-abandoned.js';

export interface Migration {
  version: number;
  sql: string;
}

/** Every schema change, in order. A migration is never edited once released: add a new one. */
export const migrations: Migration[] = [issues, subscribers, feeds, issueAbandoned];
