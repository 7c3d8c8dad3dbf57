import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { runCli, ROOT, tempDir, type CliResult } from './helpers/cli.js';
import { loadArticles } from '../src/content/load.js';
import { loadConfig } from '../src/config/load.js';
import { copySampleContent } from './helpers/content.js';
import { writeFileSync } from 'node:fs';

/**
 * Builds the shipped sample content with the real CLI, then reads the output the way a mail
 * client and a feed reader would, and checks the facts: titles, links, quotes, share rows, footer.
 */
const out = tempDir('digest-out-');
const state = tempDir('digest-state-');
const config = loadConfig(join(ROOT, 'content'));
const curated = loadArticles(join(ROOT, 'content'), config.newsletter.sections.map((s) => s.id)).articles;
let result: CliResult;
let dir: string;
let $: cheerio.CheerioAPI;
let text: string;

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const cardOf = (title: string) => $('.card-title a').filter((_, a) => $(a).text() === title).closest('.article');

beforeAll(async () => {
  result = await runCli(['build', '--date', 'latest', '--out', out], { env: { DIGEST_STATE_DIR: state } });
  if (result.code !== 0) throw new Error(`build failed (${result.code}): ${result.stderr}`);
  const slugs = readdirSync(out, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(slugs).toHaveLength(1);
  dir = join(out, slugs[0]!);
  $ = cheerio.load(read('email.html'));
  text = read('email.txt');
}, 120_000);

describe('digest build on the sample content', () => {
  it('prints what it built, where, and the size against the clipping limit', () => {
    expect(result.stderr).toMatch(/Built issue #1 \(2026-11-\d\d\): \d+ articles in 4 sections/);
    expect(result.stderr).toMatch(/email\.html, email\.txt, email\.mjml, web\.html/);
    expect(result.stderr).toMatch(/HTML size \d+\.\d KB of Gmail's ~102\.0 KB clipping limit/);
    expect(result.stderr).not.toMatch(/warn/);
  });

  it('has every curated article with its title linked to its URL, campaign-tagged', () => {
    expect(curated.length).toBeGreaterThanOrEqual(8);
    for (const a of curated) {
      const link = $('.card-title a').filter((_, el) => $(el).text() === a.title);
      expect(link.length, a.title).toBe(1);
      const href = new URL(link.attr('href')!);
      expect(href.origin + href.pathname).toBe(new URL(a.url).origin + new URL(a.url).pathname);
      expect(href.searchParams.get('utm_source')).toBe('signal-noise');
      expect(href.searchParams.get('utm_medium')).toBe('email');
      expect(href.searchParams.get('utm_campaign')).toBe(JSON.parse(read('issue.json')).slug);
    }
  });

  it('groups articles under section headings in config order', () => {
    const headings = $('.section-title').map((_, el) => $(el).text().trim()).get();
    expect(headings).toEqual(config.newsletter.sections.map((s) => s.title.toUpperCase()));
  });

  it('shows key quotes with their speakers, curated quotes first, and none where turned off', () => {
    const withCurated = curated.find((a) => Array.isArray(a.curatedQuotes) && a.curatedQuotes.length > 0)!;
    const card = cardOf(withCurated.title);
    const shown = card.find('.key-quote').map((_, q) => ({ text: $(q).find('.quote-text').text(), speaker: $(q).find('.quote-speaker').text() })).get();
    expect(shown).toEqual((withCurated.curatedQuotes as { text: string; speaker: string }[]).map((q) => ({ text: `“${q.text}”`, speaker: `— ${q.speaker}` })));

    const off = curated.find((a) => a.curatedQuotes === false)!;
    expect(cardOf(off.title).find('.key-quote')).toHaveLength(0);

    // A quote shown on its own does not end with the comma that led into "he said".
    $('.quote-text').each((_, q) => expect($(q).text()).not.toMatch(/[,;:]”$/));

    // Every quote block links to its article and has its own share links.
    $('.key-quote').each((_, q) => {
      const title = $(q).closest('.article').find('.card-title a');
      expect($(q).find('.quote-text').attr('href')).toBe(title.attr('href'));
      expect($(q).find('.quote-share a').map((_, a) => $(a).text()).get()).toEqual(['X', 'Bluesky', 'LinkedIn']);
    });
  });

  it("quotes the TikTok story's officials by name", () => {
    const tiktok = curated.find((a) => a.title.includes('TikTok'))!;
    const speakers = cardOf(tiktok.title).find('.quote-speaker').map((_, s) => $(s).text()).get();
    expect(speakers).toHaveLength(2);
    expect(speakers.join(' | ')).toMatch(/Pompeo/);
    expect(speakers.join(' | ')).toMatch(/Mnuchin/);
  });

  it('gives every article a share row with the configured networks, labelled for screen readers', () => {
    expect($('.share')).toHaveLength($('.card-title').length);
    $('.share').each((_, row) => {
      const links = $(row).find('a');
      expect(links.map((_, a) => $(a).attr('aria-label')).get()).toEqual(
        config.newsletter.share.networks.map((n) => (n === 'email' ? 'Share by email' : expect.stringMatching(/^Share on /))),
      );
      expect(links.length).toBe(config.newsletter.share.networks.length);
    });
  });

  it('has the preheader, a view-in-browser link, the digest share block and the footer', () => {
    const meta = JSON.parse(read('issue.json'));
    expect($('body > div').first().text()).toBe(meta.preheader);
    expect($('a').filter((_, a) => $(a).text() === 'View in browser').attr('href')).toBe(meta.webUrl);
    expect($('a').filter((_, a) => $(a).text() === 'Share this digest').attr('href')).toBe(meta.webUrl);
    expect($('a').filter((_, a) => $(a).text() === 'Forward to a friend').attr('href')).toMatch(/^mailto:\?subject=/);
    expect($('a').filter((_, a) => $(a).text().trim().startsWith('Subscribe to')).attr('href')).toBe(config.newsletter.subscribeUrl);
    expect($.text()).toContain(config.newsletter.postalAddress);
    expect($('a').filter((_, a) => $(a).text() === 'Unsubscribe').attr('href')).toBe('%%unsubscribe_url%%');
    expect($.html()).toContain('%%name|there%%');
  });

  it('brings in the sample feed, up to its maxItems', () => {
    const feedArticles = $('.card-title').length - curated.length;
    expect(feedArticles).toBe(config.newsletter.feeds.reduce((n, f) => n + f.maxItems, 0));
  });

  it('uses only http(s) and mailto links', () => {
    const hrefs = $('a[href]').map((_, a) => $(a).attr('href')).get().filter((h) => h !== '%%unsubscribe_url%%' && !h.startsWith('#'));
    expect(hrefs.length).toBeGreaterThan(50);
    for (const h of hrefs) expect(['http:', 'https:', 'mailto:']).toContain(new URL(h).protocol);
  });

  it('writes a plain-text twin with every article URL written out', () => {
    for (const a of curated) expect(text).toContain(new URL(a.url).origin + new URL(a.url).pathname);
    for (const a of curated) expect(text).toContain(a.title.slice(0, 30));
    expect(text).toContain('Unsubscribe: %%unsubscribe_url%%');
    expect(text).toContain(config.newsletter.postalAddress.slice(0, 30));
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it('writes a public web page with nothing personal and social cards', () => {
    const web = cheerio.load(read('web.html'));
    expect(web.html()).not.toMatch(/%%/);
    expect(web('a').filter((_, a) => web(a).text() === 'Unsubscribe')).toHaveLength(0);
    expect(web.text()).not.toContain('Hi there');
    const meta = JSON.parse(read('issue.json'));
    expect(web('meta[property="og:title"]').attr('content')).toBe(meta.subject);
    expect(web('meta[property="og:url"]').attr('content')).toBe(meta.webUrl);
    expect(web('meta[name="twitter:card"]').attr('content')).toMatch(/summary/);
    expect(web('.card-title')).toHaveLength($('.card-title').length);
  });

  it('lists the issue in index.html and feed.xml', async () => {
    const meta = JSON.parse(read('issue.json'));
    const index = cheerio.load(readFileSync(join(out, 'index.html'), 'utf8'));
    expect(index('li a').attr('href')).toBe(`${meta.slug}/web.html`);
    const feed = await new Parser().parseString(readFileSync(join(out, 'feed.xml'), 'utf8'));
    expect(feed.items.map((i) => i.link)).toEqual([meta.webUrl]);
    expect(feed.items[0]!['content:encoded']).toContain('card-title');
  });

  it('keeps the issue number on a rebuild', async () => {
    const again = await runCli(['build', '--date', 'latest', '--out', out], { env: { DIGEST_STATE_DIR: state } });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Built issue #1 /);
  });
});

describe('feed items in the email', () => {
  it('arrive as text: no script, event handler, javascript: link or iframe survives', async () => {
    const content = copySampleContent();
    const yamlFile = join(content, 'newsletter.yaml');
    writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/maxItems: \d+/, 'maxItems: 10'));
    const outDir = tempDir('digest-out-');
    const r = await runCli(['build', '--date', 'latest', '--content', content, '--out', outDir], { env: { DIGEST_STATE_DIR: tempDir() } });
    expect(r.code, r.stderr).toBe(0);
    const slug = readdirSync(outDir, { withFileTypes: true }).find((d) => d.isDirectory())!.name;
    for (const file of ['email.html', 'web.html', 'email.txt']) {
      const body = readFileSync(join(outDir, slug, file), 'utf8').toLowerCase();
      for (const bad of ['<script', 'onerror', 'javascript:', '<iframe', 'alert(', 'evil.example', 'display: none }']) expect(body, `${file}: ${bad}`).not.toContain(bad);
    }
    const page = cheerio.load(readFileSync(join(outDir, slug, 'email.html'), 'utf8'));
    const titles = page('.card-title a').map((_, a) => page(a).text()).get();
    expect(titles).toContain("Chip makers agree on a common test for AI accelerator energy use");
    expect(page.text()).toContain('Mei-Ling Zhou');
  });
});
