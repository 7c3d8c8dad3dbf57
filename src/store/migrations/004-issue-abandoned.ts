import type { Migration } from './index.js';

/**
 * An issue whose send was overtaken by its deadline is abandoned, not resumed: readers should not
 * get last week's news. The row keeps the time and the reason for the record.
 */
export const issueAbandoned: Migration = {
  version: 4,
  sql: `
    ALTER TABLE issues ADD COLUMN abandoned_at TEXT;
    ALTER TABLE issues ADD COLUMN abandoned_reason TEXT;
  `,
};
