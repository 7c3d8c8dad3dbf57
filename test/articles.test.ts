import { describe, it, expect } from 'vitest';
import { loadArticles, parseArticle } from '../src/content/load.js';
import { markdownToText } from '../src/content/markdown.js';
import { minimalContent, writeArticle } from './helpers/content.js';

const SECTIONS = ['news', 'tech'];
const good = `title: A good article
url: https://example.com/good
source: Example Times
published: 2026-11-20
section: news`;

describe('curated articles', () => {
  it('reads the front matter and turns the body into plain text', () => {
    const r = parseArticle(
      `---\n${good}\nauthor: Ada Writer\ntags: [chips, policy]\nquotes:\n  - text: We will ship it.\n    speaker: Jo Bloggs\n---\n# Heading\n\nFirst *para* with a [link](https://x.example) & more.\n\n- one\n- two\n\n<script>alert(1)</script>\n`,
      'a.md',
      SECTIONS,
    );
    if (!('article' in r)) throw new Error(JSON.stringify(r.problems));
    const a = r.article;
    expect(a.title).toBe('A good article');
    expect(a.published.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(a.author).toBe('Ada Writer');
    expect(a.tags).toEqual(['chips', 'policy']);
    expect(a.curatedQuotes).toEqual([{ text: 'We will ship it.', speaker: 'Jo Bloggs' }]);
    expect(a.text).toBe('Heading\n\nFirst para with a link & more.\n\none\n\ntwo');
    expect(a.text).not.toContain('script');
  });

  it('accepts quotes: false to turn the quote block off', () => {
    const r = parseArticle(`---\n${good}\nquotes: false\n---\nBody.`, 'a.md', SECTIONS);
    expect('article' in r && r.article.curatedQuotes).toBe(false);
  });

  it('reports a bad date with the file, the line and what it got', () => {
    const r = parseArticle(`---\n${good.replace('2026-11-20', 'next tuesday')}\n---\nBody`, 'content/articles/x.md', SECTIONS);
    expect(r).toEqual({
      problems: [{ file: 'content/articles/x.md', line: 5, message: '"published" must be a date like 2026-11-28 (or 2026-11-28T09:30:00Z) (got "next tuesday")' }],
    });
  });

  it('reports a missing title at the top of the front matter', () => {
    const r = parseArticle(`---\n${good.replace('title: A good article\n', '')}\n---\n`, 'x.md', SECTIONS);
    expect('problems' in r && r.problems[0]).toMatchObject({ file: 'x.md', line: 2, message: '"title" is required' });
  });

  it('reports an unknown section and suggests the nearest', () => {
    const r = parseArticle(`---\n${good.replace('section: news', 'section: nwes')}\n---\n`, 'x.md', SECTIONS);
    expect('problems' in r && r.problems[0]).toMatchObject({ line: 6, message: 'unknown section "nwes"', hint: 'did you mean "news"? (sections: news, tech)' });
  });

  it('rejects a non-http URL', () => {
    const r = parseArticle(`---\n${good.replace('https://example.com/good', 'javascript:alert(1)')}\n---\n`, 'x.md', SECTIONS);
    expect('problems' in r && r.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^"url" must be an http\(s\) URL/) });
  });

  it('suggests the nearest key for a misspelt one', () => {
    const r = parseArticle(`---\n${good}\nsumary: Short.\n---\n`, 'x.md', SECTIONS);
    expect('problems' in r && r.problems[0]).toMatchObject({ line: 7, message: 'unknown key "sumary" in (top level)', hint: 'did you mean "summary"?' });
  });

  it('reports every broken file in one pass and still reads the good ones', () => {
    const dir = minimalContent();
    writeArticle(dir, 'a-good.md', good);
    writeArticle(dir, 'b-bad-date.md', good.replace('2026-11-20', '20/11/2026'));
    writeArticle(dir, 'c-no-title.md', good.replace('title: A good article', ''));
    writeArticle(dir, '_draft.md', 'not: even valid');
    const { articles, problems } = loadArticles(dir, SECTIONS);
    expect(articles.map((a) => a.title)).toEqual(['A good article']);
    expect(problems.map((p) => p.file!.split('/').pop())).toEqual(['b-bad-date.md', 'c-no-title.md']);
  });

  it('explains a file without front matter', () => {
    expect(() => parseArticle('Just text', 'x.md', SECTIONS)).toThrow('the file has no front matter');
  });
});

describe('markdownToText', () => {
  it('keeps curly quotes, decodes entities and drops raw HTML', () => {
    expect(markdownToText('“Hello,” she said &amp; left.<br><img src=x onerror=alert(1)>\n\n> Quoted **line**')).toBe('“Hello,” she said & left.\n\nQuoted line');
  });
});
