/**
 * The one error type users see. Everything a person needs to fix the problem travels with it:
 * where (file and line), what is wrong, and a hint. main.ts turns `code` into the exit code.
 */
export const ExitCode = {
  ok: 0,
  userError: 1,
  worldFailure: 2,
  nothingToDo: 3,
  locked: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Problem {
  file?: string;
  line?: number;
  message: string;
  hint?: string;
}

export class DigestError extends Error {
  readonly code: ExitCode;
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;
  /** Further problems found in the same pass, so one run reports all of them. */
  readonly problems: Problem[];

  constructor(
    message: string,
    opts: { code?: ExitCode; file?: string; line?: number; hint?: string; problems?: Problem[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DigestError';
    this.code = opts.code ?? ExitCode.userError;
    this.file = opts.file;
    this.line = opts.line;
    this.hint = opts.hint;
    this.problems = opts.problems ?? [];
  }

  /** A user error made of several problems (one per broken article, say). */
  static fromProblems(summary: string, problems: Problem[], code: ExitCode = ExitCode.userError): DigestError {
    return new DigestError(summary, { code, problems });
  }
}

/** `file:line: message` the way compilers print it, so editors can jump to the place. */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
  return `${where}${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`;
}

export function formatError(err: DigestError): string {
  const head = formatProblem({ file: err.file, line: err.line, message: err.message, hint: err.hint });
  return [head, ...err.problems.map(formatProblem)].join('\n');
}
