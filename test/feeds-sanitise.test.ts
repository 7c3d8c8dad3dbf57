import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFeeds } from '../src/feeds/collect.js';
import { htmlToPlain } from '../src/feeds/plain-text.js';
import { createMemoryLogger } from '../src/log.js';
import { contentWith, fixture, serve, xml, type Served } from './fixtures/feeds/harness.js';

let server: Served;
beforeAll(async () => {
  server = await serve();
  server.route('/hostile.rss', xml(fixture('hostile.rss')));
});
afterAll(async () => {
  await server.close();
});

const FORBIDDEN = [/<\s*script/i, /onerror/i, /onload/i, /onclick/i, /javascript:/i, /<\s*iframe/i, /evil\.example/i, /alert\(/i, /<\s*\/?\s*[a-z]+[^>]*>/i, /document\.(cookie|write|domain)/i, /frame fallback/i];

describe('feed HTML never reaches an article as HTML', () => {
  it('strips scripts, handlers, javascript: links, iframes and styles from title, summary and text', async () => {
    const config = contentWith([{ url: server.url('/hostile.rss'), name: 'Hostile', maxItems: 10 }]);
    const r = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger() });
    expect(r.failures).toEqual([]);
    expect(r.articles.map((a) => a.title).sort()).toEqual(['Council approves budget', 'Escaped twice']);

    for (const a of r.articles) {
      for (const field of [a.title, a.summary, a.text, a.url, a.source, a.author ?? '', ...a.tags]) {
        for (const bad of FORBIDDEN) expect(field, `${a.title}: ${field}`).not.toMatch(bad);
      }
      expect(new URL(a.url).protocol).toMatch(/^https?:$/);
    }

    const budget = r.articles.find((a) => a.title === 'Council approves budget')!;
    expect(budget.text).toBe('The council approved the budget on Tuesday.\n\n"It balances, and it is fair," said the treasurer, Ann Reyes.\n\nFinal paragraph.');
    expect(budget.summary).toBe('The council approved the budget. "It balances," said the treasurer. More');
    expect(budget.url).toBe('https://hostile.example/budget');

    const twice = r.articles.find((a) => a.title === 'Escaped twice')!;
    expect(twice.text).toBe('Plain words survive.');
    expect(twice.url).toBe(server.url('/relative/escaped-twice'));
  });

  it('skips items whose link is javascript: or data:, and says why', async () => {
    const config = contentWith([{ url: server.url('/hostile.rss'), name: 'Hostile' }]);
    const r = await collectFeeds(config, { db: null, readOnly: true, log: createMemoryLogger() });
    expect(r.checks[0]!.skipped).toEqual([
      { title: 'A link that is a script', reason: 'the link is a javascript: URL; only http(s) links are used' },
      { title: 'A data link', reason: 'the link is a data: URL; only http(s) links are used' },
    ]);
  });

  it('drops script, style and iframe contents but keeps prose and paragraph breaks', () => {
    expect(htmlToPlain('<p>One &amp; <b>two</b></p><script>x()</script><style>p{}</style><iframe>f</iframe><p>Three&nbsp;four</p>')).toBe('One & two\n\nThree four');
    expect(htmlToPlain('Plain text, no markup. 3 < 4.')).toBe('Plain text, no markup. 3 < 4.');
  });
});
