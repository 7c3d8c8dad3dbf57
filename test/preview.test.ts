/// <reference lib="dom" />
// Functions passed to evaluate() run in the page, so these files see browser globals too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { startPreview, type PreviewServer } from '../src/preview/server.js';
import { takeScreenshots } from '../src/preview/screenshot.js';
import { createMemoryLogger } from '../src/log.js';
import { DigestError } from '../src/errors.js';
import { copySampleContent } from './helpers/content.js';
import { tempDir } from './helpers/cli.js';
import { frameText, inFrame, launchBrowser, pngSize } from './helpers/browser.js';

// Saves reach the page through fs.watch, a debounce and a render; on a loaded two-core machine
// that can take a few seconds, so waits poll up to a generous limit instead of sleeping.
const SLOW = { timeout: 20_000, interval: 100 };

function articleTitles(contentDir: string): Map<string, string> {
  const titles = new Map<string, string>();
  const dir = join(contentDir, 'articles');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, name), 'utf8'))?.[1];
    const title = (parseYaml(front ?? '') as { title?: unknown })?.title;
    if (typeof title === 'string') titles.set(name, title);
  }
  return titles;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('digest preview in chromium', () => {
  let contentDir: string;
  let stateDir: string;
  let preview: PreviewServer;
  let browser: Browser;
  let page: Page;
  const log = createMemoryLogger();
  const savedStateDir = process.env.DIGEST_STATE_DIR;

  beforeAll(async () => {
    contentDir = copySampleContent();
    stateDir = tempDir('digest-state-');
    process.env.DIGEST_STATE_DIR = stateDir;
    preview = await startPreview({ contentDir, log });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(preview.url);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (savedStateDir === undefined) delete process.env.DIGEST_STATE_DIR;
    else process.env.DIGEST_STATE_DIR = savedStateDir;
    // The figures docs/preview.md quotes come from these lines.
    for (const l of log.lines) if (/Re-rendered/.test(l.message)) console.log(l.message);
  });

  test('listens on 127.0.0.1 and shows the subject, preheader and sample subscriber', async () => {
    expect(new URL(preview.url).hostname).toBe('127.0.0.1');
    await expect.poll(() => page.locator('body').getAttribute('data-state'), SLOW).toBe('ok');
    const state = preview.state();
    if (!state.ok) throw new Error('the first render failed: ' + state.error.text);
    expect(await page.locator('#subject').textContent()).toBe(state.email.subject);
    expect(await page.locator('#preheader').textContent()).toBe(state.email.preheader);
    expect(await page.locator('#sample').textContent()).toBe('Alex Reader <alex@example.com>');
    // The greeting uses the sample subscriber's name, filled in like a send would.
    await expect.poll(() => frameText(page, '#desktop'), SLOW).toContain('Alex Reader');
  });

  test('shows every article title', async () => {
    const titles = [...articleTitles(contentDir).values()];
    expect(titles.length).toBeGreaterThan(2);
    await expect.poll(async () => {
      const text = squash(await frameText(page, '#desktop'));
      return titles.filter((t) => !text.includes(squash(t)));
    }, SLOW).toEqual([]);
    const phone = squash(await frameText(page, '#phone'));
    for (const t of titles) expect(phone).toContain(squash(t));
  });

  test('the plain-text tab shows the text version', async () => {
    await page.locator('#tab-text-button').click();
    const text = (await page.locator('#text').textContent()) ?? '';
    const first = [...articleTitles(contentDir).values()][0]!;
    expect(squash(text)).toContain(squash(first));
    expect(text).not.toMatch(/%%/);
    expect(text).not.toMatch(/<(table|div|td)\b/i);
    await page.locator('#tab-email-button').click();
    expect(await page.locator('#tab-text').isHidden()).toBe(true);
  });

  test('the warnings panel reports size, MJML, alt text and links', async () => {
    const checks = page.locator('#checks > li');
    await expect.poll(() => checks.count(), SLOW).toBeGreaterThanOrEqual(4);
    const ids = await checks.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.check));
    expect(ids).toEqual(expect.arrayContaining(['size', 'mjml', 'alt', 'links']));
    const size = (await page.locator('#checks > li[data-check="size"]').textContent()) ?? '';
    expect(size).toMatch(/\d+\.\d KB of Gmail's ~102\.0 KB clipping limit/);
  });

  test('at 375 px wide the email has no horizontal scroll', async () => {
    const measure = () => {
      const el = document.scrollingElement!;
      return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, text: document.body?.innerText.length ?? 0 };
    };
    await expect.poll(async () => (await inFrame(page, '#phone', measure))?.text ?? 0, SLOW).toBeGreaterThan(500);
    const framed = (await inFrame(page, '#phone', measure))!;
    expect(framed.clientWidth).toBeLessThanOrEqual(375);
    expect(framed.scrollWidth).toBeLessThanOrEqual(framed.clientWidth);

    // And as a phone would open it, without the frame's scrollbar.
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await phone.goto(new URL('/email.html', preview.url).href, { waitUntil: 'domcontentloaded' });
      const direct = await phone.evaluate(measure);
      expect(direct.clientWidth).toBe(375);
      expect(direct.scrollWidth).toBeLessThanOrEqual(direct.clientWidth);
    } finally {
      await phone.close();
    }
  });

  test('editing an article shows the new title without a manual reload', async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const [name, title] = [...articleTitles(contentDir)][0]!;
    const file = join(contentDir, 'articles', name);
    const newTitle = `Preview live reload check ${Date.now()}`;
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace(/^title:.*$/m, `title: "${newTitle}"`));

    await expect.poll(() => frameText(page, '#desktop'), SLOW).toContain(newTitle);
    await expect.poll(() => frameText(page, '#phone'), SLOW).toContain(newTitle);
    expect(squash(await frameText(page, '#desktop'))).not.toContain(squash(title));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(preview.state().trigger).toContain(name);
  });

  test('a template error shows in the page with its file and line, and a fix brings the email back', async () => {
    const templates = tempDir('digest-templates-');
    mkdirSync(join(templates, 'partials'));
    const footer = join(templates, 'partials', 'footer.mjml.hbs');
    writeFileSync(footer, '<mj-section>\n  <mj-column>\n    {{#if}\n  </mj-column>\n</mj-section>\n');
    appendFileSync(join(contentDir, 'newsletter.yaml'), `\ntemplatesDir: ${JSON.stringify(templates)}\n`);

    await expect.poll(() => page.locator('body').getAttribute('data-state'), SLOW).toBe('error');
    expect(await page.locator('#error').isVisible()).toBe(true);
    expect(await page.locator('#error-where').textContent()).toMatch(/partials\/footer\.mjml\.hbs:3$/);
    expect(await page.locator('#error-message').textContent()).toMatch(/template syntax error/);
    expect(await page.locator('#desktop').isVisible()).toBe(false);

    writeFileSync(footer, '<mj-section>\n  <mj-column>\n    <mj-text>Footer from the editor\'s templates</mj-text>\n  </mj-column>\n</mj-section>\n');
    await expect.poll(() => page.locator('body').getAttribute('data-state'), SLOW).toBe('ok');
    expect(await page.locator('#error').isHidden()).toBe(true);
    await expect.poll(() => frameText(page, '#desktop'), SLOW).toContain("Footer from the editor's templates");
  });

  test('broken YAML in newsletter.yaml shows with its line, and the server keeps running', async () => {
    const file = join(contentDir, 'newsletter.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^name: .*$/m, 'name: [Signal & Noise'));
    await expect.poll(() => page.locator('body').getAttribute('data-state'), SLOW).toBe('error');
    expect(await page.locator('#error-where').textContent()).toMatch(/newsletter\.yaml:\d+$/);

    writeFileSync(file, good);
    await expect.poll(() => page.locator('body').getAttribute('data-state'), SLOW).toBe('ok');
    await expect.poll(() => frameText(page, '#desktop'), SLOW).toContain('Alex Reader');
  });

  test('the preview wrote no state: the state folder is still empty', async () => {
    expect(readdirSync(stateDir)).toEqual([]);
    expect(existsSync(join(contentDir, '..', 'out'))).toBe(false);
  });
});

describe('digest preview --screenshot', () => {
  test('writes desktop and phone PNGs into out/<slug>/', async () => {
    const contentDir = copySampleContent();
    const outDir = tempDir('digest-out-');
    const stateDir = tempDir('digest-state-');
    const shots = await takeScreenshots({ contentDir, outDir, stateDir, imageTimeoutMs: 2000 });
    expect(shots.desktop).toBe(join(outDir, shots.rendering.issue.slug, 'desktop.png'));
    expect(shots.phone).toBe(join(outDir, shots.rendering.issue.slug, 'phone.png'));
    const desktop = pngSize(readFileSync(shots.desktop));
    const phone = pngSize(readFileSync(shots.phone));
    expect(desktop.width).toBe(680);
    expect(phone.width).toBe(375);
    // Full-page shots of a whole issue: far taller than one screen, and the narrow one taller still.
    expect(desktop.height).toBeGreaterThan(1500);
    expect(phone.height).toBeGreaterThan(desktop.height);
    expect(readdirSync(join(outDir, shots.rendering.issue.slug)).sort()).toEqual(['desktop.png', 'phone.png']);
    expect(readdirSync(stateDir)).toEqual([]);
  });

  test('says clearly when chromium is not installed', async () => {
    const err = await takeScreenshots({ contentDir: copySampleContent(), outDir: tempDir('digest-out-'), stateDir: tempDir('digest-state-'), executablePath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestError);
    expect((err as DigestError).code).toBe(2);
    expect((err as DigestError).message).toMatch(/chromium is not installed/);
    expect((err as DigestError).hint).toMatch(/apt-get install chromium/);
  });
});
