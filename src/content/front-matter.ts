import { DigestError } from '../errors.js';

export interface SplitMarkdown {
  /** The YAML between the `---` fences, or '' when the file has none. */
  yaml: string;
  /** Line number (1-based) of the YAML's first line, for error messages. */
  yamlFirstLine: number;
  body: string;
}

/** Splits a Markdown file into its YAML front matter and its body. */
export function splitFrontMatter(text: string, file: string): SplitMarkdown {
  const src = text.replace(/^\uFEFF/, '');
  const open = /^---[ \t]*\r?\n/.exec(src);
  if (!open) {
    throw new DigestError('the file has no front matter', {
      file,
      line: 1,
      hint: 'start the file with a "---" line, then title, url, source, published and section, then another "---"',
    });
  }
  const rest = src.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) {
    throw new DigestError('the front matter is never closed', { file, line: 1, hint: 'add a line with "---" after the front matter' });
  }
  return { yaml: rest.slice(0, close.index), yamlFirstLine: 2, body: rest.slice(close.index + close[0].length) };
}
