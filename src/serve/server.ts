import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../store/db.js';
import type { Logger } from '../log.js';
import { serveStatic } from './static.js';
import { checkToken, unsubscribe } from './unsubscribe.js';
import { confirmPage, donePage, invalidPage } from './pages.js';

export interface ServeOptions {
  outDir: string;
  db: Db;
  secret: string;
  newsletterName: string;
  /** The path of webBaseUrl ("/digest/"): a reverse proxy may pass it on or strip it; both work. */
  basePath: string;
  host?: string;
  port?: number;
  log: Logger;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/**
 * The web archive (out/) and the unsubscribe endpoint. Binds to 127.0.0.1 unless told otherwise:
 * in production it sits behind a reverse proxy that terminates TLS.
 */
export async function startServe(opts: ServeOptions): Promise<RunningServer> {
  const base = '/' + opts.basePath.replace(/^\/+|\/+$/g, '');
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      opts.log.error(`serve: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = url.pathname;
    if (base !== '/' && (path === base || path.startsWith(base + '/'))) path = path.slice(base.length) || '/';

    if (path === '/unsubscribe') {
      const token = url.searchParams.get('token');
      if (req.method === 'GET' || req.method === 'HEAD') {
        const ok = checkToken(token, opts.secret).ok;
        return send(res, ok ? 200 : 400, 'text/html; charset=utf-8', ok ? confirmPage(opts.newsletterName, url.pathname + url.search) : invalidPage(opts.newsletterName));
      }
      if (req.method === 'POST') {
        // RFC 8058: the body is List-Unsubscribe=One-Click, urlencoded or multipart. The token is
        // what authorises; the body is read (and capped) so the connection stays clean.
        const body = await readBody(req);
        if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'Request body too large\n');
        const outcome = unsubscribe(opts.db, token, opts.secret, oneClick(req, body) ? 'one-click' : 'unsubscribe page');
        if (!outcome.ok) {
          opts.log.warn(`unsubscribe refused: ${outcome.reason}`);
          return send(res, 400, 'text/html; charset=utf-8', invalidPage(opts.newsletterName));
        }
        opts.log.info(`unsubscribed subscriber ${outcome.subscriberId}${outcome.already ? ' (already)' : ''}`);
        // Never a redirect: RFC 8058 clients do not follow them.
        return send(res, 200, 'text/html; charset=utf-8', donePage(opts.newsletterName, outcome.already));
      }
      res.setHeader('allow', 'GET, HEAD, POST');
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    }

    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(opts.outDir, path, res, req.method === 'HEAD')) return;
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${base === '/' ? '/' : base + '/'}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Whether the body is RFC 8058's `List-Unsubscribe=One-Click`, in either encoding. */
function oneClick(req: IncomingMessage, body: Buffer): boolean {
  const type = String(req.headers['content-type'] ?? '');
  const text = body.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(text).get('List-Unsubscribe') === 'One-Click';
  if (type.startsWith('multipart/form-data')) return /name="List-Unsubscribe"\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/.test(text);
  return false;
}
