import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { writeFileAtomic } from '../deliver/write-atomic.js';

type CompileOptions = { strict?: boolean; noEscape?: boolean };

/**
 * Handlebars' compiler is the slowest step of a cold build after MJML's import (it builds source
 * maps as it writes each template's code). Its output, the precompiled template, depends only on
 * the source, the options and the Handlebars version, so it is kept in node_modules/.cache, where
 * build tools keep such things, and reused until the template changes. It is not state: deleting
 * the folder only costs the next build the compile.
 */
export function compileTemplate(
  env: typeof Handlebars,
  source: string,
  options: CompileOptions,
  /** Runs before a real compile, to report syntax errors against the template's own file and line. */
  check: () => void = () => {},
): Handlebars.TemplateDelegate {
  const key = createHash('sha256').update(`${Handlebars.VERSION}\u0000${JSON.stringify(options)}\u0000${source}`).digest('hex').slice(0, 32);
  const file = join(cacheDir(), `${key}.js`);
  let spec: string | undefined;
  try {
    spec = readFileSync(file, 'utf8');
  } catch {
    check();
    spec = Handlebars.precompile(source, options) as string;
    try {
      mkdirSync(cacheDir(), { recursive: true });
      writeFileAtomic(file, spec);
    } catch {
      // A read-only installation still works; it just compiles every time.
    }
  }
  // The spec is Handlebars' own output for our own template files, evaluated as Handlebars itself would.
  return env.template(new Function(`return ${spec};`)() as TemplateSpecification);
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

let dir: string | undefined;
const cacheDir = (): string => (dir ??= join(packageRoot(), 'node_modules', '.cache', 'newsletter-digest', 'templates'));
