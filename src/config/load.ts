import { readFileSync } from 'node:fs';
import { join, resolve, isAbsolute, dirname } from 'node:path';
import { DigestError, type Problem } from '../errors.js';
import { parseYaml } from '../schema/yaml-source.js';
import { validateYaml } from '../schema/validate.js';
import { newsletterSchema, type NewsletterConfig } from './schema.js';
import { checkFeedSections } from './feeds-schema.js';

export interface Config {
  newsletter: NewsletterConfig;
  /** The content folder, absolute. */
  contentDir: string;
  /** newsletter.yaml as given on the command line, for messages. */
  file: string;
  /** The editor's templates folder (absolute), when newsletter.yaml names one. */
  templatesDir?: string;
}

export const CONFIG_FILE = 'newsletter.yaml';

export function loadConfig(contentDir: string): Config {
  const file = join(contentDir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DigestError(code === 'ENOENT' ? 'no newsletter.yaml here' : `cannot read: ${(err as Error).message}`, {
      file,
      hint: code === 'ENOENT' ? `point --content at the folder that holds ${CONFIG_FILE} (default: content/)` : undefined,
    });
  }
  const source = parseYaml(text, file);
  const result = validateYaml(newsletterSchema, source);
  if (!result.ok) throw fromProblems(result.problems, file);
  const newsletter = result.value;

  const lineOf = (path: PropertyKey[], key?: string) => source.lineOf(path, key);
  const problems = [
    ...checkSections(newsletter, lineOf),
    ...checkFeedSections(newsletter.feeds, newsletter.sections.map((s) => s.id), (path) => source.lineOf(path)),
  ].map((p) => ({ ...p, file }));
  if (problems.length) throw fromProblems(problems, file);

  const absContent = resolve(contentDir);
  const templatesDir = newsletter.templatesDir
    ? isAbsolute(newsletter.templatesDir)
      ? newsletter.templatesDir
      : resolve(dirname(resolve(file)), newsletter.templatesDir)
    : undefined;
  return { newsletter, contentDir: absContent, file, templatesDir };
}

function checkSections(n: NewsletterConfig, lineOf: (p: PropertyKey[], k?: string) => number | undefined): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  n.sections.forEach((s, i) => {
    if (seen.has(s.id)) problems.push({ line: lineOf(['sections', i, 'id']), message: `section id "${s.id}" is used twice`, hint: 'give each section its own id' });
    seen.add(s.id);
  });
  return problems;
}

function fromProblems(problems: Problem[], file: string): DigestError {
  const [first, ...rest] = problems;
  return new DigestError(first!.message, { file: first!.file ?? file, line: first!.line, hint: first!.hint, problems: rest });
}
