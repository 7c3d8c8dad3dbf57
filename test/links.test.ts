import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { safeHref } from '../src/enrich/links.js';

const BASE = 'https://blog.example.com/posts/2024/hello.html?ref=rss#top';

describe('safeHref', () => {
  it('passes http(s) and mailto, normalised, without a warning', () => {
    expect(safeHref('HTTPS://Example.COM/a b?q=1#f')).toEqual({ href: 'https://example.com/a%20b?q=1#f' });
    expect(safeHref('  http://example.com  ')).toEqual({ href: 'http://example.com/' });
    expect(safeHref('MailTo:ada@example.com?subject=Hi%20there')).toEqual({ href: 'mailto:ada@example.com?subject=Hi%20there' });
    expect(safeHref('https://example.com/x', BASE)).toEqual({ href: 'https://example.com/x' });
  });

  const bad: Array<[string, string]> = [
    ['javascript:alert(1)', 'javascript:'],
    [' JaVaScRiPt:alert(1)', 'javascript:'],
    ['java\tscript:alert(1)', 'javascript:'],
    ['java\nscript:alert(1)', 'javascript:'],
    ['jav\r\nascript:alert(1)', 'javascript:'],
    ['\u0000\u001fjavascript:alert(1)', 'javascript:'],
    ['javascript\t:alert(1)', 'javascript:'],
    ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'data:'],
    ['DATA:image/svg+xml,<svg onload=alert(1)>', 'data:'],
    ['vbscript:msgbox(1)', 'vbscript:'],
    ['file:///etc/passwd', 'file:'],
    ['ftp://example.com/f', 'ftp:'],
    ['tel:+123', 'tel:'],
  ];

  it.each(bad)('drops %j, naming the scheme', (raw, scheme) => {
    for (const base of [undefined, BASE]) {
      const result = safeHref(raw, base);
      expect(result.href).toBeNull();
      expect(result.warning).toContain(scheme);
    }
  });

  it('makes relative links absolute against the article URL, with a warning', () => {
    expect(safeHref('/about?x=1#y', BASE).href).toBe('https://blog.example.com/about?x=1#y');
    expect(safeHref('img/a.png', BASE).href).toBe('https://blog.example.com/posts/2024/img/a.png');
    expect(safeHref('../2023/old.html', BASE).href).toBe('https://blog.example.com/posts/2023/old.html');
    expect(safeHref('#notes', BASE).href).toBe('https://blog.example.com/posts/2024/hello.html?ref=rss#notes');
    expect(safeHref('//cdn.example.net/x', BASE).href).toBe('https://cdn.example.net/x');
    const result = safeHref('img/a.png', BASE);
    expect(result.warning).toMatch(/relative/);
    expect(result.warning).toContain('img/a.png');
  });

  it('drops relative and protocol-relative links when there is no usable base', () => {
    for (const raw of ['/about', 'page.html', '//evil.example/x', '\\\\evil.example\\x']) {
      for (const base of [undefined, 'not a url', 'file:///tmp/a.html']) {
        const result = safeHref(raw, base);
        expect(result.href).toBeNull();
        expect(result.warning).toMatch(/relative/);
      }
    }
  });

  it('drops empty and malformed links', () => {
    expect(safeHref('   ').href).toBeNull();
    expect(safeHref('https://').href).toBeNull();
    expect(safeHref('http://exa mple.com/').href).toBeNull();
  });

  it('property: whatever comes in, what goes out is null or an http(s)/mailto URL', () => {
    const scheme = fc.constantFrom('', 'javascript:', 'JAVA\tSCRIPT:', ' data:', 'vbscript:', 'http:', 'https://', 'mailto:', '//', '\\\\', 'file:');
    fc.assert(
      fc.property(scheme, fc.string({ unit: 'binary', maxLength: 30 }), fc.option(fc.constant(BASE), { nil: undefined }), (prefix, rest, base) => {
        const { href, warning } = safeHref(prefix + rest, base);
        if (href === null) {
          expect(warning).toBeTruthy();
          return;
        }
        expect(['http:', 'https:', 'mailto:']).toContain(new URL(href).protocol);
        expect(href).not.toMatch(/^\s|[\t\n\r]/);
      }),
      { numRuns: 500 },
    );
  });
});
