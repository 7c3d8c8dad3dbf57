import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { FeedFailure } from './failure.js';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The decoded (decompressed) body of a 2xx; empty for every other status. */
  body: Buffer;
}

export interface GetOptions {
  headers: Record<string, string>;
  /** For the whole exchange, headers and body: a server that trickles bytes must not hold us. */
  timeoutMs: number;
  /** Counted after decompression, so a small gzip bomb cannot blow up memory. */
  maxBytes: number;
}

const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);

/** One GET, no redirects followed: the caller decides what a 3xx means. */
export function httpGet(url: URL, opts: GetOptions): Promise<HttpResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, value?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        reject(err);
        req.destroy();
      } else resolve(value!);
    };

    const req = client.get(url, { headers: { ...opts.headers, 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume(); // the body of a redirect or an error page is of no use; drain it so the socket can be reused
        finish(null, { status, headers: res.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers['content-length']);
      const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (Number.isFinite(declared) && declared > opts.maxBytes && encoding === 'identity') {
        finish(tooLarge(opts.maxBytes, declared));
        return;
      }
      let stream: Readable;
      try {
        stream = decompress(res, encoding);
      } catch (err) {
        finish(err as Error);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) {
          finish(tooLarge(opts.maxBytes));
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
      stream.on('error', (err) => finish(networkFailure(err)));
      res.on('aborted', () => finish(new FeedFailure('the connection closed before the response was complete', { retryable: true })));
    });
    req.on('error', (err) => finish(networkFailure(err)));
    const timer = setTimeout(
      () => finish(new FeedFailure(`timed out after ${opts.timeoutMs} ms`, { retryable: true })),
      opts.timeoutMs,
    );
  });
}

function decompress(res: Readable, encoding: string): Readable {
  switch (encoding) {
    case 'identity':
      return res;
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      throw new FeedFailure(`the server used an unknown content encoding "${encoding}"`);
  }
}

function tooLarge(limit: number, declared?: number): FeedFailure {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new FeedFailure(
    declared ? `the response is ${mb(declared)}, over the limit of ${mb(limit)} (maxBytes)` : `the response is over the limit of ${mb(limit)} (maxBytes)`,
  );
}

function networkFailure(err: Error): FeedFailure {
  if (err instanceof FeedFailure) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND') return new FeedFailure(`host not found (${(err as { hostname?: string }).hostname ?? 'DNS'})`);
  if (code === 'ECONNREFUSED') return new FeedFailure('connection refused', { retryable: true });
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return new FeedFailure(`TLS problem: ${err.message}`);
  return new FeedFailure(`network error: ${err.message}`, { retryable: RETRYABLE_CODES.has(code) || /socket hang up/.test(err.message) });
}
