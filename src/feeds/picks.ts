import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestError } from '../errors.js';
import { normaliseUrl } from './keys.js';

export const PICKS_FILE = 'picks.txt';

/**
 * content/picks.txt: one URL per line, `#` starts a comment. Returned normalised, so a pick
 * matches an item whatever tracking parameters either carries. A line that is not a URL is an
 * error rather than a silently missing pick.
 */
export function readPicks(contentDir: string): Set<string> {
  const file = join(contentDir, PICKS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new DigestError(`cannot read: ${(err as Error).message}`, { file });
  }
  const picks = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    if (!/^https?:\/\/\S+$/i.test(line)) {
      throw new DigestError(`"${line}" is not an http(s) URL`, { file, line: i + 1, hint: 'put one link per line, like https://example.com/story; start comments with #' });
    }
    picks.add(normaliseUrl(line));
  });
  return picks;
}

/** Picks passed by the caller (front matter, say) joined with the picks file, all normalised. */
export function mergePicks(fromFile: ReadonlySet<string>, extra: ReadonlySet<string> | undefined): Set<string> {
  const all = new Set(fromFile);
  for (const url of extra ?? []) all.add(normaliseUrl(url));
  return all;
}
