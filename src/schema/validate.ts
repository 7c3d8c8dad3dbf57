import { z } from 'zod';
import type { Problem } from '../errors.js';
import { nearest } from './suggest.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Validates parsed YAML against a zod schema and turns every issue into a Problem with the file,
 * the line, and a hint. Unknown keys get the nearest valid key as a suggestion, since a misspelt
 * optional key would otherwise be silently ignored.
 */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  pathPrefix = '',
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(source.data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.flatMap((issue) => toProblems(schema, source, issue, pathPrefix)) };
}

function toProblems(schema: z.ZodType, source: YamlSource, issue: z.core.$ZodIssue, prefix: string): Problem[] {
  const path = issue.path as PropertyKey[];
  const where = (p: readonly PropertyKey[]) => prefix + (p.length ? p.join('.') : '(top level)');

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => {
      const guess = nearest(key, known);
      return {
        file: source.file,
        line: source.lineOf(path, key),
        message: `unknown key "${key}" in ${where(path)}`,
        hint: guess ? `did you mean "${guess}"?` : known.length ? `valid keys: ${known.join(', ')}` : undefined,
      };
    });
  }
  const got = valueAt(source.data, path);
  const missing = got === undefined;
  return [
    {
      file: source.file,
      line: source.lineOf(path),
      message: missing ? `"${where(path)}" is required` : `"${where(path)}" ${issue.message}${describeGot(got)}`,
    },
  ];
}

function describeGot(value: unknown): string {
  if (value === null) return ' (got nothing)';
  if (typeof value === 'object') return '';
  const text = JSON.stringify(value);
  return ` (got ${text.length > 60 ? text.slice(0, 57) + '...' : text})`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** The keys an object schema accepts at `path`, looking through defaults, optionals and arrays. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType | undefined = schema;
  for (const step of [...path, null]) {
    s = unwrap(s);
    if (step === null) break;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(step)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return [];
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    if (cur instanceof z.ZodDefault || cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodPrefault) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      cur = cur.in as z.ZodType;
    } else break;
  }
  return cur;
}
