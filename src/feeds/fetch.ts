import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet, type HttpResponse } from './http-get.js';
import { decodeFeed } from './charset.js';
import { FeedFailure } from './failure.js';

/** Says who we are and that we are a robot, without pretending to be a browser or naming a host we do not run. */
export const USER_AGENT = 'newsletter-digest/0.1 (RSS/Atom reader building an email digest; Node.js)';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';

export type FeedLocation = { kind: 'http'; url: string } | { kind: 'file'; path: string };

/** newsletter.yaml's `url`: an http(s) URL, or a path relative to the content folder. */
export function resolveLocation(url: string, contentDir: string): FeedLocation {
  if (/^https?:\/\//i.test(url)) return { kind: 'http', url: new URL(url).href };
  return { kind: 'file', path: isAbsolute(url) ? url : resolve(contentDir, url) };
}

export function locationKey(loc: FeedLocation): string {
  return loc.kind === 'http' ? loc.url : pathToFileURL(loc.path).href;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  retries: number;
  maxRedirects?: number;
  /** First wait before a retry; it doubles each time. */
  backoffMs?: number;
  validators?: Validators;
}

type Fetched =
  | { notModified: false; text: string; baseUrl: string; status: number; validators: Validators }
  | { notModified: true; baseUrl: string; status: 304 };
export type FetchResult = Fetched & { attempts: number };

export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_BACKOFF_MS = 500;

export async function fetchFeed(loc: FeedLocation, opts: FetchOptions): Promise<FetchResult> {
  if (loc.kind === 'file') return readLocal(loc.path, opts.maxBytes);
  const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...(await followRedirects(loc.url, opts)), attempts: attempt + 1 };
    } catch (err) {
      const retry = err instanceof FeedFailure && err.retryable && attempt < opts.retries;
      if (!retry) {
        if (attempt > 0 && err instanceof FeedFailure) throw new FeedFailure(`${err.message} (after ${attempt + 1} attempts)`, { status: err.status });
        throw err;
      }
      // Jitter keeps many digests that share a feed host from retrying in lockstep.
      await sleep(backoff * 2 ** attempt * (0.75 + Math.random() * 0.5));
    }
  }
}

async function followRedirects(start: string, opts: FetchOptions): Promise<Fetched> {
  const limit = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const chain = [start];
  let url = new URL(start);
  for (;;) {
    const res = await httpGet(url, { headers: requestHeaders(opts.validators), timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes });
    if (isRedirect(res)) {
      const next = new URL(String(res.headers.location), url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FeedFailure(`redirected to a ${next.protocol} URL, which is not allowed`);
      if (chain.includes(next.href)) throw new FeedFailure(`redirect loop: ${[...chain, next.href].join(' → ')}`);
      if (chain.length > limit) throw new FeedFailure(`too many redirects (more than ${limit}), last to ${next.href}`);
      chain.push(next.href);
      url = next;
      continue;
    }
    if (res.status === 304) {
      if (!opts.validators) throw new FeedFailure('HTTP 304 Not Modified without a conditional request', { status: 304 });
      return { notModified: true, baseUrl: url.href, status: 304 };
    }
    if (res.status >= 200 && res.status < 300) {
      return {
        notModified: false,
        text: decodeFeed(res.body, header(res, 'content-type')),
        baseUrl: url.href,
        status: res.status,
        validators: { etag: header(res, 'etag'), lastModified: header(res, 'last-modified') },
      };
    }
    throw statusFailure(res);
  }
}

function requestHeaders(v: Validators | undefined): Record<string, string> {
  const h: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: ACCEPT };
  if (v?.etag) h['If-None-Match'] = v.etag;
  if (v?.lastModified) h['If-Modified-Since'] = v.lastModified;
  return h;
}

function isRedirect(res: HttpResponse): boolean {
  return [301, 302, 303, 307, 308].includes(res.status) && Boolean(res.headers.location);
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function statusFailure(res: HttpResponse): FeedFailure {
  const text = `HTTP ${res.status}${STATUS_TEXT[res.status] ? ` ${STATUS_TEXT[res.status]}` : ''}`;
  // 429 is the server asking us to come back later, which is what a retry does.
  return new FeedFailure(text, { status: res.status, retryable: res.status >= 500 || res.status === 429 });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

async function readLocal(path: string, maxBytes: number): Promise<FetchResult> {
  try {
    const info = await stat(path);
    if (info.size > maxBytes) throw new FeedFailure(`the file is ${info.size} bytes, over the limit of ${maxBytes} (maxBytes)`);
    const bytes = await readFile(path);
    return { notModified: false, text: decodeFeed(bytes), baseUrl: pathToFileURL(path).href, status: 200, validators: {}, attempts: 1 };
  } catch (err) {
    if (err instanceof FeedFailure) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FeedFailure(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(err as Error).message}`);
  }
}
