import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { displayPath } from '../paths.js';
import { DigestError, ExitCode } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { builtInTemplatesDir } from '../paths.js';
import { pageHtml, PAGE_SCRIPT } from './page.js';
import { describeFailure, renderPreview, SAMPLE_SUBSCRIBER, type RenderFailure, type Rendering, type SampleSubscriber } from './render.js';
import { watchDirs, type ChangeBatch } from './watch.js';
import type { Check } from './checks.js';

export interface PreviewOptions {
  contentDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  date?: Date | 'latest';
  /** Read only, and only if a database is there; the preview never creates one. */
  stateDir?: string;
  sample?: SampleSubscriber;
  log?: Logger;
  debounceMs?: number;
}

/** What the page receives on every render, over /events. */
export type PreviewState = {
  version: number;
  renderedAt: string;
  /** Time of the render itself (pipeline and checks). */
  renderMs: number;
  /** For a render caused by a save: from the first file event to the page being told. */
  saveToPushMs?: number;
  trigger?: string;
  sample: { name: string; email: string };
  checks: Check[];
} & ({ ok: true; email: Omit<Rendering, 'html' | 'checks' | 'ms'> } | { ok: false; error: Omit<RenderFailure, 'checks'> });

export interface PreviewServer {
  url: string;
  port: number;
  /** The latest state the page was sent. */
  state(): PreviewState;
  /** Renders now, as a save would, and pushes the result to open pages. */
  rerender(): Promise<PreviewState>;
  close(): Promise<void>;
}

/**
 * Starts the preview: renders the next issue, serves it on 127.0.0.1, and re-renders whenever
 * the content or the templates change. A failed render is a state like any other (the page shows
 * the error), so the server outlives every mistake an editor can save.
 */
export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const log = opts.log ?? createLogger();
  const sample = opts.sample ?? SAMPLE_SUBSCRIBER;
  const clients = new Set<ServerResponse>();
  let version = 0;
  let emailHtml = '';
  let emailText = '';
  let current: PreviewState;

  const watcher = watchDirs(watchedDirs(opts.contentDir), (batch) => void rerender(batch), { debounceMs: opts.debounceMs });

  async function render(batch?: ChangeBatch): Promise<PreviewState> {
    const started = performance.now();
    const base = {
      version: ++version,
      renderedAt: new Date().toISOString(),
      trigger: batch ? describeTrigger(batch.files) : undefined,
      sample: { name: sample.name, email: sample.email },
    };
    let state: PreviewState;
    try {
      const r = await renderPreview({ contentDir: opts.contentDir, date: opts.date, stateDir: opts.stateDir, sample });
      emailHtml = framedEmail(r.html);
      emailText = r.text;
      const { html: _h, checks, ms, ...email } = r;
      state = { ...base, renderMs: ms, checks, ok: true, email };
    } catch (err) {
      const { checks, ...error } = describeFailure(err);
      state = { ...base, renderMs: Math.round(performance.now() - started), checks, ok: false, error };
      if (!(err instanceof DigestError) && (process.env.DEBUG ?? '').split(',').includes('digest')) log.error(String((err as Error).stack));
    }
    // The editor's templatesDir may have been set, changed or created by this save.
    watcher.setDirs(watchedDirs(opts.contentDir));
    if (batch) state.saveToPushMs = Math.round(performance.now() - batch.firstEventAt);
    current = state;
    broadcast(state);
    report(state);
    return state;
  }

  // One render at a time; saves during a render cause exactly one more, with the newest files.
  let running: Promise<PreviewState> | undefined;
  let queued: ChangeBatch | undefined;
  let again = false;
  function rerender(batch?: ChangeBatch): Promise<PreviewState> {
    if (running) {
      again = true;
      queued = batch ?? queued;
      return running;
    }
    running = (async () => {
      let state = await render(batch);
      while (again) {
        again = false;
        const next = queued;
        queued = undefined;
        state = await render(next);
      }
      return state;
    })().finally(() => (running = undefined));
    return running;
  }

  function report(state: PreviewState): void {
    const timing = `${state.renderMs} ms${state.saveToPushMs !== undefined ? ` (${state.saveToPushMs} ms from save to page)` : ''}`;
    const cause = state.trigger ? ` after a change to ${state.trigger}` : '';
    if (state.ok) log.info(`${state.version === 1 ? 'Rendered' : 'Re-rendered'} issue #${state.email.issue.number} in ${timing}${cause}`);
    else log.error(`render failed${cause} (${timing}):\n${state.error.text}`);
  }

  function broadcast(state: PreviewState): void {
    const frame = sse(state);
    for (const res of clients) res.write(frame);
  }

  await rerender();

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(err));
    }
  });
  let port = 0;
  function handle(req: IncomingMessage, res: ServerResponse): void {
    // A page on another site could point a DNS name at 127.0.0.1 and read an unpublished issue.
    if (!allowedHost(req.headers.host, port)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('unknown host\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const nostore = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    switch (path) {
      case '/':
        return void res
          .writeHead(200, { ...nostore, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; img-src * data:" })
          .end(req.method === 'HEAD' ? undefined : pageHtml());
      case '/preview.js':
        return void res.writeHead(200, { ...nostore, 'content-type': 'text/javascript; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : PAGE_SCRIPT);
      case '/email.html':
        return void res
          .writeHead(200, { ...nostore, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" })
          .end(req.method === 'HEAD' ? undefined : emailHtml);
      case '/email.txt':
        return void res.writeHead(200, { ...nostore, 'content-type': 'text/plain; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : emailText);
      case '/state.json':
        return void res.writeHead(200, { ...nostore, 'content-type': 'application/json' }).end(JSON.stringify(current));
      case '/events':
        res.writeHead(200, { ...nostore, 'content-type': 'text/event-stream', connection: 'keep-alive' });
        res.write('retry: 500\n\n' + sse(current));
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      default:
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      watcher.close();
      reject(
        err.code === 'EADDRINUSE'
          ? new DigestError(`port ${opts.port} is already in use`, { hint: 'pick another with --port, or --port 0 for a free one' })
          : new DigestError(`cannot start the preview server: ${err.message}`, { code: ExitCode.worldFailure }),
      );
    });
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Proxies and browsers drop idle streams; a comment line every so often keeps them open.
  const keepAlive = setInterval(() => clients.forEach((res) => res.write(': keep-alive\n\n')), 15_000);
  keepAlive.unref();

  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/`,
    port,
    state: () => current,
    rerender: () => rerender(),
    async close() {
      watcher.close();
      clearInterval(keepAlive);
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // A render started by a late save must not outlive the server it reports to.
      await running?.catch(() => undefined);
    },
  };
}

/** Content (articles, newsletter.yaml, picks, local feeds), the built-in templates and the editor's. */
function watchedDirs(contentDir: string): string[] {
  const dirs = [contentDir, builtInTemplatesDir()];
  try {
    const { templatesDir } = loadConfig(contentDir);
    if (templatesDir) dirs.push(templatesDir);
  } catch {
    // A broken newsletter.yaml is already on the page; the content folder is still watched.
  }
  return dirs;
}

/** The saved file, not an editor's temporary one that was renamed over it. */
function describeTrigger(files: string[]): string | undefined {
  const file = files.filter((f) => existsSync(f)).pop() ?? files.at(-1);
  return file ? displayPath(file) : undefined;
}

const sse = (state: PreviewState): string => `event: state\ndata: ${JSON.stringify(state)}\n\n`;

/** Links in the frames open outside the preview instead of replacing the email. */
const framedEmail = (html: string): string => html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">');

function allowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}
