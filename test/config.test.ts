import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { DigestError } from '../src/errors.js';
import { minimalContent } from './helpers/content.js';
import { ROOT } from './helpers/cli.js';

function configError(yaml: string): DigestError {
  const dir = minimalContent();
  writeFileSync(join(dir, 'newsletter.yaml'), yaml);
  try {
    loadConfig(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(DigestError);
    return err as DigestError;
  }
  throw new Error('expected a config error');
}

const base = readFileSync(join(minimalContent(), 'newsletter.yaml'), 'utf8');

describe('newsletter.yaml', () => {
  it('loads the shipped sample with defaults filled in', () => {
    const c = loadConfig(join(ROOT, 'content'));
    expect(c.newsletter.name).toBe('Signal & Noise');
    expect(c.newsletter.sections.map((s) => s.id)).toEqual(['policy', 'technology', 'science', 'business']);
    expect(c.newsletter.issue.windowDays).toBe(7);
    expect(c.newsletter.quotes.perArticle).toBe(2);
    expect(c.newsletter.share.networks).toContain('linkedin');
    expect(c.newsletter.brand.colors.primary).toBe('#14365d');
  });

  it('names a misspelt key with its line and the nearest valid key', () => {
    const err = configError(base.replace('postalAddress:', 'postalAdress:'));
    const all = [err, ...err.problems];
    const unknown = all.find((p) => p.message.includes('postalAdress'))!;
    expect(unknown.message).toBe('unknown key "postalAdress" in (top level)');
    expect(unknown.hint).toBe('did you mean "postalAddress"?');
    expect(unknown.line).toBe(6);
    expect(all.some((p) => p.message === '"postalAddress" is required')).toBe(true);
  });

  it('suggests keys inside nested objects', () => {
    const err = configError(base + 'brand:\n  colors:\n    primery: "#112233"\n');
    expect(err.message).toBe('unknown key "primery" in brand.colors');
    expect(err.hint).toBe('did you mean "primary"?');
    expect(err.line).toBe(14);
  });

  it('reports broken YAML with its line', () => {
    const err = configError('name: Test\nsections:\n  - id: a\n   title: broken indent\n');
    expect(err.file).toMatch(/newsletter\.yaml$/);
    expect(err.message).toMatch(/^invalid YAML/);
    expect(err.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects bad values with what it got', () => {
    const err = configError(base.replace('https://test.example/subscribe', 'javascript:alert(1)'));
    expect(err.message).toBe('"subscribeUrl" must be an http(s) URL like https://example.com/page (got "javascript:alert(1)")');
    expect(err.line).toBe(5);
  });

  it('rejects a sender with a line break (no header injection)', () => {
    const err = configError(base.replace('from: "Test Weekly <news@test.example>"', 'from: "Test\\r\\nBcc: x@evil.example <news@test.example>"'));
    expect(err.message).toMatch(/sender\.from/);
  });

  it('rejects duplicate section ids', () => {
    const err = configError(base.replace('id: tech', 'id: news'));
    expect(err.message).toBe('section id "news" is used twice');
    expect(err.line).toBe(10);
  });

  it('says where to look when newsletter.yaml is missing', () => {
    try {
      loadConfig('/nonexistent-digest-dir');
      throw new Error('expected an error');
    } catch (err) {
      expect((err as DigestError).message).toBe('no newsletter.yaml here');
      expect((err as DigestError).hint).toMatch(/--content/);
    }
  });
});
