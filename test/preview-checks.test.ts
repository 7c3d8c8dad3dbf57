import { describe, expect, test } from 'vitest';
import { runChecks, errorChecks } from '../src/preview/checks.js';
import { GMAIL_CLIP_BYTES } from '../src/render/size.js';

const email = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;
const check = (html: string, id: string, bytes = 1000) => runChecks(html, bytes, []).find((c) => c.id === id)!;

describe('preview checks', () => {
  test('images without alt text are reported; tracking pixels and presentational images are not', () => {
    const c = check(
      email(`<img src="https://x.example/a.jpg" alt="A reef">
        <img src="https://x.example/b.jpg">
        <img src="https://x.example/c.jpg" alt="  ">
        <img src="https://x.example/pixel.gif" width="1" height="1">
        <img src="https://x.example/rule.png" role="presentation" alt="">`),
      'alt',
    );
    expect(c.level).toBe('warn');
    expect(c.items).toEqual(['no alt text: https://x.example/b.jpg', 'no alt text: https://x.example/c.jpg']);
    expect(c.detail).toBe('2 of 3 images have no alt text');
  });

  test('links that are not http(s) or mailto are reported; placeholders and jumps to a target are not', () => {
    const c = check(
      email(`<a href="https://ok.example/">fine</a> <a href="mailto:ed@ok.example">mail</a>
        <a href="%%unsubscribe_url%%">Unsubscribe</a> <a href="#tech">Tech</a> <a id="tech">TECH</a>
        <a href="/relative/story">Read more</a> <a href="javascript:alert(1)">x</a> <a href="#nowhere">Gone</a>
        <a href="ftp://files.example/f">file</a> <a href="">empty</a>`),
      'links',
    );
    expect(c.level).toBe('warn');
    expect(c.items).toEqual([
      '"/relative/story" (link text "Read more")',
      '"javascript:alert(1)" (link text "x")',
      '"#nowhere" (link text "Gone")',
      '"ftp://files.example/f" (link text "file")',
      '"(empty)" (link text "empty")',
    ]);
  });

  test('HTML size is measured against Gmail clipping', () => {
    expect(check(email(''), 'size', 10_000).level).toBe('ok');
    expect(check(email(''), 'size', 95 * 1024).level).toBe('warn');
    const over = check(email(''), 'size', GMAIL_CLIP_BYTES + 1);
    expect(over.level).toBe('fail');
    expect(over.detail).toMatch(/^102\.0 KB of Gmail's ~102\.0 KB clipping limit \(100%\)$/);
  });

  test('an MJML validation error becomes a failed MJML row; other errors leave the panel empty', () => {
    expect(errorChecks('mj-button: attribute "hreff" is not allowed')).toMatchObject([{ id: 'mjml', level: 'fail' }]);
    expect(errorChecks('template syntax error: Expecting ...')).toEqual([]);
  });
});
