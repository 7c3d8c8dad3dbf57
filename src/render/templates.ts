import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestError } from '../errors.js';
import { displayPath } from '../paths.js';
import { builtInTemplatesDir } from '../paths.js';
import { mjmlHelpers, textHelpers } from './helpers.js';
import { compileTemplate } from './template-cache.js';

/** A template source with the file it came from, so errors can name it. */
export interface TemplateFile {
  name: string;
  file: string;
  source: string;
}

export interface CompiledTemplates {
  mjml: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  /** Every file that took part, for mapping render and MJML errors back to a file and line. */
  files: TemplateFile[];
  /** Compiles a one-line pattern from newsletter.yaml (subject, preheader...) with the shared helpers. */
  pattern: (source: string) => Handlebars.TemplateDelegate;
}

const LAYOUT = { mjml: 'digest.mjml.hbs', text: 'digest.txt.hbs' } as const;

/**
 * Loads the layouts and partials: the editor's folder first, then the built-in one, so an editor
 * overrides only what they want to change. Each file is parsed on its own so a syntax error is
 * reported against its own file and line; then everything is compiled once for the run.
 */
export function loadTemplates(editorDir?: string): CompiledTemplates {
  const dirs = [editorDir, builtInTemplatesDir()].filter((d): d is string => Boolean(d && existsSync(d)));
  const pick = (rel: string): TemplateFile | undefined => {
    for (const d of dirs) {
      const file = join(d, rel);
      if (existsSync(file)) return { name: rel, file: displayPath(file), source: readFileSync(file, 'utf8') };
    }
    return undefined;
  };

  const partialNames = new Set<string>();
  for (const d of dirs) {
    const pd = join(d, 'partials');
    if (existsSync(pd)) for (const n of readdirSync(pd)) if (n.endsWith('.hbs')) partialNames.add(n);
  }
  const partials = [...partialNames].sort().map((n) => pick(join('partials', n))!);
  const layouts = { mjml: pick(LAYOUT.mjml), text: pick(LAYOUT.text) };
  for (const [kind, t] of Object.entries(layouts)) {
    if (!t) throw new DigestError(`template ${LAYOUT[kind as keyof typeof LAYOUT]} not found`, { hint: `looked in ${dirs.join(', ')}` });
  }
  const files = [layouts.mjml!, layouts.text!, ...partials];
  // A long-running process (the live preview, a benchmark) rebuilds often with the same
  // templates: reuse the compiled set while every source is unchanged.
  const key = files.map((f) => `${f.file}\u0000${f.source}`).join('\u0001');
  if (cached?.key === key) return cached.templates;
  // A file is parsed on its own before it compiles, so a syntax error names its own file and line;
  // a template found in the compile cache passed that check when it was first compiled.
  const compile = (env: typeof Handlebars, f: TemplateFile, options: { strict: boolean; noEscape?: boolean }) => compileTemplate(env, f.source, options, () => parseOrThrow(f));

  const mjmlEnv = Handlebars.create();
  mjmlEnv.registerHelper(mjmlHelpers());
  const textEnv = Handlebars.create();
  textEnv.registerHelper(textHelpers());
  for (const p of partials) {
    const [base, kind] = p.name.replace(/^partials\//, '').split('.') as [string, string];
    const env = kind === 'txt' ? textEnv : mjmlEnv;
    env.registerPartial(base, compile(env, p, { strict: true }));
  }
  const templates: CompiledTemplates = {
    mjml: compile(mjmlEnv, layouts.mjml!, { strict: true }),
    text: compile(textEnv, layouts.text!, { strict: true, noEscape: true }),
    files,
    pattern: memoise((source: string) => mjmlEnv.compile(source, { noEscape: true, strict: true })),
  };
  cached = { key, templates };
  return templates;
}

let cached: { key: string; templates: CompiledTemplates } | undefined;

function memoise<T>(fn: (source: string) => T): (source: string) => T {
  const seen = new Map<string, T>();
  return (source) => {
    let hit = seen.get(source);
    if (hit === undefined) seen.set(source, (hit = fn(source)));
    return hit;
  };
}

function parseOrThrow(t: TemplateFile): void {
  try {
    Handlebars.parse(t.source);
  } catch (err) {
    const message = (err as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    const detail = message.split('\n').filter((l) => l.trim() && !/^-+\^$/.test(l.trim())).pop() ?? message;
    throw new DigestError(`template syntax error: ${detail.replace(/^Parse error on line \d+:\s*/, '')}`, {
      file: t.file,
      line: line ? Number(line) : undefined,
      hint: 'check that every {{#block}} has its {{/block}} and every {{ has its }}',
    });
  }
}

/**
 * Runs a compiled template and turns Handlebars' runtime errors (an unknown field in strict mode,
 * a missing partial) into a message naming the template file and line.
 */
export function runTemplate(template: Handlebars.TemplateDelegate, context: unknown, files: TemplateFile[], layout: string): string {
  try {
    return template(context);
  } catch (err) {
    throw templateError(err as Error & { lineNumber?: number }, files, layout);
  }
}

function templateError(err: Error & { lineNumber?: number }, files: TemplateFile[], layout: string): DigestError {
  const message = err.message;
  const field = /^"([^"]+)" not defined/.exec(message)?.[1];
  const partial = /The partial (\S+) could not be found/.exec(message)?.[1];
  const helper = /Missing helper: "([^"]+)"/.exec(message)?.[1];
  const needle = field ?? partial ?? helper;
  const line = err.lineNumber ?? (Number(/ - (\d+):\d+$/.exec(message)?.[1]) || undefined);
  // Strict mode knows the line but not which file; the name that failed tells us that.
  const found = needle ? locate(files, needle, line) : undefined;
  const what = field
    ? `"${field}" is not a value the template can use`
    : partial
      ? `the partial "${partial}" does not exist`
      : helper
        ? `unknown helper "${helper}"`
        : message.split('\n')[0]!;
  return new DigestError(what, {
    file: found?.file ?? files.find((f) => f.name === layout)?.file,
    line: found?.line ?? line,
    hint: field ? 'check the spelling; the README lists the values templates can use' : partial ? 'add the partial under partials/ or fix the name' : undefined,
    cause: err,
  });
}

function locate(files: TemplateFile[], needle: string, line?: number): { file: string; line: number } | undefined {
  const re = new RegExp(`(^|[^\\w-])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
  const candidates: { file: string; line: number }[] = [];
  for (const f of files) {
    f.source.split('\n').forEach((text, i) => {
      if (/\{\{/.test(text) && re.test(text)) candidates.push({ file: f.file, line: i + 1 });
    });
  }
  return candidates.find((c) => c.line === line) ?? candidates[0];
}
