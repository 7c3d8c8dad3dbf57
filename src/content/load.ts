import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../paths.js';
import type { Problem } from '../errors.js';
import { DigestError } from '../errors.js';
import { parseYaml } from '../schema/yaml-source.js';
import { validateYaml } from '../schema/validate.js';
import { nearest } from '../schema/suggest.js';
import { splitFrontMatter } from './front-matter.js';
import { frontMatterSchema } from './schema.js';
import { markdownToText } from './markdown.js';
import type { Article } from './article.js';

export interface LoadedArticles {
  articles: Article[];
  /** Every problem in every file; a broken file never hides the others. */
  problems: Problem[];
}

export const ARTICLES_DIR = 'articles';

/** Reads content/articles/*.md. Files whose name starts with "_" or "." are drafts and skipped. */
export function loadArticles(contentDir: string, sectionIds: readonly string[]): LoadedArticles {
  const dir = join(contentDir, ARTICLES_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md') && !/^[_.]/.test(n)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { articles: [], problems: [] };
    throw err;
  }
  const articles: Article[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const file = displayPath(join(dir, name));
    try {
      const result = parseArticle(readFileSync(join(dir, name), 'utf8'), file, sectionIds);
      if ('article' in result) articles.push(result.article);
      else problems.push(...result.problems);
    } catch (err) {
      if (!(err instanceof DigestError)) throw err;
      problems.push({ file: err.file ?? file, line: err.line, message: err.message, hint: err.hint }, ...err.problems);
    }
  }
  return { articles, problems };
}

export function parseArticle(
  text: string,
  file: string,
  sectionIds: readonly string[],
): { article: Article } | { problems: Problem[] } {
  const split = splitFrontMatter(text, file);
  const source = parseYaml(split.yaml, file, split.yamlFirstLine);
  if (source.data === null || typeof source.data !== 'object') {
    return { problems: [{ file, line: 1, message: 'the front matter is empty', hint: 'add title, url, source, published and section' }] };
  }
  const result = validateYaml(frontMatterSchema, source);
  if (!result.ok) return { problems: result.problems };
  const fm = result.value;

  if (!sectionIds.includes(fm.section)) {
    const guess = nearest(fm.section, sectionIds);
    return {
      problems: [
        {
          file,
          line: source.lineOf(['section']),
          message: `unknown section "${fm.section}"`,
          hint: guess ? `did you mean "${guess}"? (sections: ${sectionIds.join(', ')})` : `use one of the sections in newsletter.yaml: ${sectionIds.join(', ')}`,
        },
      ],
    };
  }

  return {
    article: {
      origin: 'curated',
      sourceRef: file,
      title: fm.title,
      url: fm.url,
      source: fm.source,
      author: fm.author,
      published: fm.published,
      section: fm.section,
      summary: fm.summary ?? '',
      text: markdownToText(split.body),
      curatedQuotes: fm.quotes,
      tags: fm.tags,
      image: fm.image,
    },
  };
}

