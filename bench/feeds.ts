/**
 * npm run bench:feeds — 50 feeds of 100 items each from a local HTTP server: time collect +
 * normalise + dedupe on a fresh state (every feed answers 200), then again when every feed
 * answers 304, and print the ratio. Both runs are measured here, so the figure compares like
 * with like on whatever machine runs it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { collectFeeds } from '../src/feeds/collect.js';
import { dedupeArticles } from '../src/feeds/dedupe.js';
import { createMemoryLogger } from '../src/log.js';
import { openState } from '../src/store/db.js';
import { usedKeys } from '../src/store/feed-state.js';

const FEEDS = 50;
const ITEMS = 100;

function feedXml(f: number): string {
  const items: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    // Every tenth story is syndicated: the same link (with different tracking) appears in every feed.
    const shared = i % 10 === 0;
    const link = shared ? `https://wire.example/story-${i}?utm_source=feed${f}` : `https://feed${f}.example/2026/11/story-${i}`;
    const date = new Date(Date.UTC(2026, 10, 27, 12) - (f * ITEMS + i) * 60_000).toUTCString();
    items.push(`<item><title>Story ${i} from feed ${f}: council votes on the harbour plan</title><link>${link.replace(/&/g, '&amp;')}</link>
<guid isPermaLink="false">feed${f}-item${i}</guid><pubDate>${date}</pubDate><dc:creator>Reporter ${i % 7}</dc:creator>
<description><![CDATA[<p>The council voted on Tuesday to approve the harbour plan after a long debate. <a href="https://x.example">More</a></p>]]></description>
<content:encoded><![CDATA[<p>The council voted on Tuesday to approve the harbour plan after a long debate about costs.</p>
<p>"This is the most important decision we have made in a decade," said the council leader, Maria Okoro. <script>track()</script></p>
<p>Opponents said the plan ignored the fishing fleet. "Nobody asked us," said skipper Tom Reid.</p><img src="x.png" onerror="x()"></p>]]></content:encoded></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed ${f}</title><link>https://feed${f}.example/</link><description>Bench feed</description>${items.join('\n')}</channel></rss>`;
}

async function main(): Promise<void> {
  const bodies = Array.from({ length: FEEDS }, (_, f) => Buffer.from(feedXml(f)));
  let notModified = 0;
  const server = http.createServer((req, res) => {
    const f = Number(/\/feed-(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? -1);
    const etag = `"feed-${f}-v1"`;
    if (req.headers['if-none-match'] === etag) {
      notModified++;
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag }).end(bodies[f]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const work = mkdtempSync(join(tmpdir(), 'bench-feeds-'));
  const content = join(work, 'content');
  mkdirSync(content);
  const feeds = Array.from({ length: FEEDS }, (_, f) => ({ url: `${base}/feed-${f}.xml`, name: `Feed ${f}`, section: 'news', maxItems: ITEMS }));
  writeFileSync(
    join(content, 'newsletter.yaml'),
    [
      'name: Bench',
      'sender:\n  from: "Bench <b@bench.example>"',
      'webBaseUrl: https://bench.example/',
      'subscribeUrl: https://bench.example/s',
      'postalAddress: 1 Bench Road',
      'sections:\n  - id: news\n    title: News',
      `feeds: ${JSON.stringify(feeds)}`,
    ].join('\n'),
  );
  const config = loadConfig(content);
  const db = openState(join(work, 'state'));
  const log = createMemoryLogger();

  const run = async () => {
    const started = performance.now();
    const collected = await collectFeeds(config, { db, readOnly: false, log });
    const kept = dedupeArticles([], collected.articles, usedKeys(db));
    const ms = performance.now() - started;
    if (collected.failures.length) throw new Error(`bench feeds failed: ${JSON.stringify(collected.failures.slice(0, 3))}`);
    return { ms, items: collected.checks.reduce((n, c) => n + c.items, 0), kept: kept.length };
  };

  const first = await run();
  const second = await run();
  server.close();
  db.close();
  rmSync(work, { recursive: true, force: true });

  const perSecond = (r: { ms: number; items: number }) => Math.round(r.items / (r.ms / 1000));
  const rows = [
    `feeds: ${FEEDS} × ${ITEMS} items, concurrency 4, local HTTP server on 127.0.0.1`,
    `first run (200, fresh state):  ${first.ms.toFixed(0)} ms, ${first.items} items, ${perSecond(first)} items/s, ${first.kept} after dedupe`,
    `second run (every feed 304):   ${second.ms.toFixed(0)} ms, ${second.items} items, ${perSecond(second)} items/s, ${second.kept} after dedupe (${notModified} × 304)`,
    `ratio second/first: ${(second.ms / first.ms).toFixed(2)}`,
  ];
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench:feeds failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
