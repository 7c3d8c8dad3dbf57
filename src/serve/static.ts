import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/rss+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Files a public archive must not serve: the personalisable email (placeholders), the MJML
 * source, dry-run messages with real addresses, and issue.json. The web page is web.html.
 */
const PRIVATE = /(^|\/)(email\.(html|txt|mjml)|issue\.json|dry-run(\/|$))/;

/** Serves a file from root, or returns false. Paths are resolved so "../" can never leave it. */
export function serveStatic(root: string, pathname: string, res: ServerResponse, head: boolean): boolean {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    return false;
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  if (PRIVATE.test(rel) || rel.includes('\0')) return false;
  const base = resolve(root);
  const file = resolve(join(base, rel));
  if (file !== base && !file.startsWith(base + sep)) return false;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return false;
    size = st.size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, max-age=300',
  });
  if (head) res.end();
  else createReadStream(file).pipe(res);
  return true;
}
