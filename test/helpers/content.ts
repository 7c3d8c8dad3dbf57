import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './cli.js';

/** A private copy of the shipped sample content that a test may break at will. */
export function copySampleContent(): string {
  const dir = tempDir('digest-content-');
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  return dir;
}

/** A minimal newsletter with two sections, for tests that write their own articles. */
export function minimalContent(yamlExtra = ''): string {
  const dir = tempDir('digest-content-');
  mkdirSync(join(dir, 'articles'));
  writeFileSync(
    join(dir, 'newsletter.yaml'),
    `name: Test Weekly
sender:
  from: "Test Weekly <news@test.example>"
webBaseUrl: https://test.example/archive/
subscribeUrl: https://test.example/subscribe
postalAddress: 1 Test Street, Testville
sections:
  - id: news
    title: News
  - id: tech
    title: Tech
${yamlExtra}`,
  );
  return dir;
}

export function writeArticle(contentDir: string, name: string, frontMatter: string, body = 'Body text.'): string {
  const file = join(contentDir, 'articles', name);
  writeFileSync(file, `---\n${frontMatter.trim()}\n---\n${body}\n`);
  return file;
}
