/// <reference lib="dom" />
// Functions passed to evaluate() run in the page, so these files see browser globals too.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/preview/screenshot.js';

/**
 * Debian's chromium through playwright-core, with the same switches as `digest preview
 * --screenshot` (one list, in src/preview/screenshot.ts). .ci/run installs the package.
 */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * The text of the document in an <iframe> of the page, or '' while it is between documents:
 * a frame being reloaded by the preview has no execution context for a moment.
 */
export async function frameText(page: Page, selector: string): Promise<string> {
  try {
    const frame = await (await page.$(selector))?.contentFrame();
    return (await frame?.evaluate(() => document.body?.innerText ?? '')) ?? '';
  } catch {
    return '';
  }
}

/** Runs a function in an <iframe>'s document; undefined while the frame is between documents. */
export async function inFrame<T>(page: Page, selector: string, fn: () => T): Promise<T | undefined> {
  try {
    const frame = await (await page.$(selector))?.contentFrame();
    return await frame?.evaluate(fn);
  } catch {
    return undefined;
  }
}

/** Width and height from a PNG's IHDR chunk, after checking the 8-byte signature. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!data.subarray(0, 8).equals(signature)) throw new Error('not a PNG file');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
