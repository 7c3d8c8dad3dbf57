import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DigestError, ExitCode } from '../errors.js';
import { DESKTOP_WIDTH, PHONE_WIDTH } from './page.js';
import { renderPreview, type RenderOptions, type Rendering } from './render.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's chromium, never a downloaded browser. The background-networking switches matter on a
 * closed network: without them chromium keeps trying to reach Google's services and stalls.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new DigestError(`chromium is not installed (looked for ${executablePath})`, {
      code: ExitCode.worldFailure,
      hint: 'install Debian\'s chromium with "apt-get install chromium", or point --chromium at a chromium binary',
    });
  }
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (err) {
    throw new DigestError(`chromium could not start: ${(err as Error).message.split('\n')[0]}`, {
      code: ExitCode.worldFailure,
      file: executablePath,
      hint: 'check that chromium runs on this machine: chromium --headless --version',
    });
  }
}

export interface ScreenshotOptions extends RenderOptions {
  outDir: string;
  executablePath?: string;
  /** How long remote images may take; on a closed network they never arrive. */
  imageTimeoutMs?: number;
}

export interface Screenshots {
  desktop: string;
  phone: string;
  rendering: Rendering;
}

/** Renders once and writes desktop.png and phone.png of the email into out/<slug>/. */
export async function takeScreenshots(opts: ScreenshotOptions): Promise<Screenshots> {
  // Render before starting the browser, so a content error is reported without chromium's cost.
  const rendering = await renderPreview(opts);
  const browser = await launchChromium(opts.executablePath);
  try {
    const dir = join(opts.outDir, rendering.issue.slug);
    mkdirSync(dir, { recursive: true });
    const desktop = join(dir, 'desktop.png');
    const phone = join(dir, 'phone.png');
    await shoot(browser, rendering.html, DESKTOP_WIDTH, desktop, opts.imageTimeoutMs ?? 5000);
    await shoot(browser, rendering.html, PHONE_WIDTH, phone, opts.imageTimeoutMs ?? 5000);
    return { desktop, phone, rendering };
  } finally {
    await browser.close();
  }
}

async function shoot(browser: Browser, html: string, width: number, path: string, imageTimeoutMs: number): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  try {
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    // Images that cannot load show as their alt text, which is what a reader with images off sees.
    await page.waitForLoadState('load', { timeout: imageTimeoutMs }).catch(() => undefined);
    await page.screenshot({ path, fullPage: true });
  } finally {
    await page.close();
  }
}
