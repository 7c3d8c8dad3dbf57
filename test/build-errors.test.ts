import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, readFileSync, appendFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers/cli.js';
import { minimalContent, writeArticle } from './helpers/content.js';

const article = (over: Record<string, string> = {}) =>
  Object.entries({ title: 'Good story', url: 'https://example.com/good', source: 'Example', published: '2026-11-20', section: 'news', ...over })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

async function build(content: string, extra: string[] = []) {
  const out = tempDir('digest-out-');
  const r = await runCli(['build', '--content', content, '--out', out, '--date', '2026-11-21', ...extra], { env: { DIGEST_STATE_DIR: tempDir() } });
  return { ...r, out };
}

describe('digest build with bad input', () => {
  it('broken YAML in newsletter.yaml: file, line, exit 1, no stack trace', async () => {
    const dir = minimalContent();
    appendFileSync(join(dir, 'newsletter.yaml'), 'issue:\n  subject: "unclosed\n');
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${dir}/newsletter\\.yaml:1[234]: invalid YAML`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every broken article in one run, each with file and line, and builds nothing', async () => {
    const dir = minimalContent();
    writeArticle(dir, 'a.md', article({ title: '""' }).replace('title: ""\n', ''));
    writeArticle(dir, 'b.md', article({ published: 'next tuesday' }));
    writeArticle(dir, 'c.md', article({ section: 'nwes' }));
    writeArticle(dir, 'd.md', article({ url: 'not a url' }));
    writeArticle(dir, 'e.md', article());
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('4 problems in 4 article files; nothing was built');
    expect(r.stderr).toMatch(/articles\/a\.md:2: "title" is required/);
    expect(r.stderr).toMatch(/articles\/b\.md:5: "published" must be a date like 2026-11-28 .*\(got "next tuesday"\)/);
    expect(r.stderr).toMatch(/articles\/c\.md:6: unknown section "nwes"\n  hint: did you mean "news"\?/);
    expect(r.stderr).toMatch(/articles\/d\.md:3: "url" must be an http\(s\) URL/);
    expect(readdirSync(r.out)).toEqual([]);
  });

  it('an empty window is a clear message with exit 3, not an empty email', async () => {
    const dir = minimalContent();
    writeArticle(dir, 'a.md', article({ published: '2026-10-01' }));
    const r = await build(dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no new articles were published between 2026-11-15 and 2026-11-21, so there is no issue to build');
    expect(readdirSync(r.out)).toEqual([]);
  });

  it('a bad --date is a user error', async () => {
    const dir = minimalContent();
    const r = await build(dir, ['--date', 'tomorrow']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--date must be a date like 2026-11-28 or "latest" (got "tomorrow")');
  });
});

describe('templates', () => {
  function withTemplates(files: Record<string, string>): string {
    const dir = minimalContent('templatesDir: my-templates\n');
    writeArticle(dir, 'a.md', article(), '“This is the only quote in the whole story,” said Jane Doe, the director.');
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir, 'my-templates', 'partials'), { recursive: true });
      writeFileSync(join(dir, 'my-templates', name), body);
    }
    return dir;
  }

  it('an editor overrides one partial and keeps the built-in rest', async () => {
    const dir = withTemplates({ 'partials/footer.mjml.hbs': '<mj-section><mj-column><mj-text css-class="custom-footer">Custom footer · {{newsletter.postalAddress}} · <a href="{{unsubscribeUrl}}">Leave</a></mj-text></mj-column></mj-section>\n' });
    const r = await build(dir);
    expect(r.code).toBe(0);
    const html = readFileSync(join(r.out, '2026-11-21', 'email.html'), 'utf8');
    expect(html).toContain('Custom footer · 1 Test Street, Testville');
    expect(html).toContain('Good story'); // the built-in article partial still renders
    expect(html).toContain('Jane Doe');
  });

  it('renders an article image with its alt text and a logo, both linked', async () => {
    const dir = minimalContent('brand:\n  logoUrl: https://test.example/logo.png\n  logoAlt: Test Weekly logo\n');
    writeArticle(dir, 'a.md', article() + '\nimage:\n  url: https://test.example/photo.jpg\n  alt: A photo of the thing');
    const r = await build(dir);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(r.out, '2026-11-21', 'email.html'), 'utf8');
    expect(html).toMatch(/<img[^>]*alt="A photo of the thing"[^>]*src="https:\/\/test\.example\/photo\.jpg"/);
    expect(html).toMatch(/<img[^>]*alt="Test Weekly logo"[^>]*src="https:\/\/test\.example\/logo\.png"/);
  });

  it('a Handlebars syntax error names the template file and line', async () => {
    const dir = withTemplates({ 'partials/footer.mjml.hbs': '<mj-section>\n<mj-column>\n{{#if newsletter.name}}\n<mj-text>x</mj-text>\n</mj-column>\n</mj-section>\n' });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/my-templates\/partials\/footer\.mjml\.hbs:\d+: template syntax error/);
  });

  it('a misspelt value names the template file and line (strict mode)', async () => {
    const dir = withTemplates({ 'partials/footer.mjml.hbs': '<mj-section>\n<mj-column>\n<mj-text>{{newsletter.postalAdress}}</mj-text>\n</mj-column>\n</mj-section>\n' });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/my-templates\/partials\/footer\.mjml\.hbs:3: "postalAdress" is not a value the template can use/);
  });

  it('an MJML validation error names the template line and suggests the attribute', async () => {
    const dir = withTemplates({ 'partials/footer.mjml.hbs': '<mj-section>\n  <mj-column>\n    <mj-button hreff="https://example.com">Go</mj-button>\n  </mj-column>\n</mj-section>\n' });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('my-templates/partials/footer.mjml.hbs:3: mj-button: attribute "hreff" is not allowed\n  hint: did you mean "href"?');
    expect(existsSync(join(r.out, '2026-11-21'))).toBe(false);
  });
});
