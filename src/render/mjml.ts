import { Worker } from 'node:worker_threads';
import { DigestError } from '../errors.js';
import type { CompileRequest, CompileResponse } from './mjml-worker.js';
import type { TemplateFile } from './templates.js';
import { nearest } from '../schema/suggest.js';

interface MjmlIssue {
  line: number;
  message: string;
  tagName: string;
  formattedMessage?: string;
}

type Mjml2Html = (mjml: string, options: Record<string, unknown>) => Promise<{ html: string; errors: MjmlIssue[] }>;

let compiler: Mjml2Html | undefined;
let worker: MjmlWorker | undefined;

/** mjml takes most of a second to import; commands that never render should not pay for it. */
async function loadMjml(): Promise<Mjml2Html> {
  compiler ??= worker ? worker.compile : (((await import('mjml')).default as unknown) as Mjml2Html);
  return compiler;
}

interface MjmlWorker {
  compile: Mjml2Html;
}

/**
 * Starts importing mjml in a worker thread now, for a one-shot command that will compile once:
 * the import then overlaps the rest of the build on the second core. The worker never keeps the
 * process alive while it is idle.
 */
export function startMjmlWorker(): void {
  if (worker || compiler) return;
  const thread = new Worker(new URL('./mjml-worker.js', import.meta.url));
  const waiting = new Map<number, { resolve: (html: string) => void; reject: (err: unknown) => void }>();
  let nextId = 0;
  thread.on('message', (res: CompileResponse) => {
    const w = waiting.get(res.id);
    waiting.delete(res.id);
    if (waiting.size === 0) thread.unref();
    if ('html' in res) w?.resolve(res.html);
    else w?.reject(Object.assign(new Error(res.error.message), { errors: res.error.errors }));
  });
  thread.on('error', (err) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  });
  // After the listeners: adding a 'message' listener refs the thread again.
  thread.unref();
  worker = {
    compile: (mjml, options) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: (html) => resolve({ html, errors: [] }), reject });
        thread.ref();
        thread.postMessage({ id, mjml, options } satisfies CompileRequest);
      }),
  };
}

export const MJML_OPTIONS = { validationLevel: 'strict', keepComments: true, beautify: false, minify: false } as const;

/**
 * Compiles MJML to HTML with strict validation. A validation error is mapped back to the template
 * line that wrote the offending tag or attribute, since the generated MJML is not what editors edit.
 */
export async function compileMjml(mjml: string, files: TemplateFile[]): Promise<string> {
  const mjml2html = await loadMjml();
  try {
    const result = await mjml2html(mjml, { ...MJML_OPTIONS });
    return result.html;
  } catch (err) {
    const issues = (err as { errors?: MjmlIssue[] }).errors;
    if (!issues?.length) {
      throw new DigestError(`MJML could not compile the email: ${(err as Error).message}`, { hint: 'see the generated email.mjml', cause: err });
    }
    const problems = issues.map((i) => mjmlProblem(i, mjml, files));
    const [first, ...rest] = problems;
    throw new DigestError(first!.message, { file: first!.file, line: first!.line, hint: first!.hint, problems: rest });
  }
}

function mjmlProblem(issue: MjmlIssue, mjml: string, files: TemplateFile[]) {
  const attr = /Attribute (\S+) /.exec(issue.message)?.[1];
  const generatedLine = mjml.split('\n')[issue.line - 1] ?? '';
  const where = locateTag(files, issue.tagName, attr) ?? locateLine(files, generatedLine);
  const suggestion = attr ? nearest(attr, COMMON_ATTRIBUTES) : undefined;
  return {
    file: where?.file,
    line: where?.line,
    message: `${issue.tagName}: ${issue.message.replace(/^Attribute (\S+) is illegal$/, 'attribute "$1" is not allowed')}`,
    hint: suggestion ? `did you mean "${suggestion}"?` : where ? undefined : `line ${issue.line} of the generated email.mjml`,
  };
}

function locateTag(files: TemplateFile[], tag: string, attr?: string) {
  for (const f of files) {
    const lines = f.source.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      if (text.includes(`<${tag}`) && (!attr || new RegExp(`\\s${attr}=`).test(text))) return { file: f.file, line: i + 1 };
    }
  }
  return undefined;
}

/** Fallback: find a template line that looks like the generated one (same opening tag). */
function locateLine(files: TemplateFile[], generated: string) {
  const tag = /<(mj-[a-z-]+)/.exec(generated)?.[1];
  return tag ? locateTag(files, tag) : undefined;
}

const COMMON_ATTRIBUTES = ['href', 'src', 'alt', 'title', 'align', 'padding', 'color', 'background-color', 'font-size', 'font-family', 'font-weight', 'line-height', 'width', 'height', 'border', 'border-radius', 'css-class', 'inner-padding', 'letter-spacing', 'target', 'rel', 'name'];
