import { readFile } from 'node:fs/promises';
import type { CommandRegistrar } from './context.js';
import { DigestError, ExitCode } from '../errors.js';
import type { Quote } from '../enrich/quotes/index.js';

interface QuotesOptions {
  json?: boolean;
  all?: boolean;
  count: string;
}

/** `digest quotes [FILE|-]`: the quotes of one article, for editors checking why a quote was picked. */
export const registerQuotes: CommandRegistrar = (program, run) => {
  program
    .command('quotes')
    .argument('[file]', 'plain text or Markdown article; - or nothing reads stdin')
    .option('--json', 'print a JSON array of { text, speaker, spans, partial, score }')
    .option('--all', 'print every quote found, not only the key quotes')
    .option('--count <n>', 'how many key quotes to pick', '2')
    .description('find the direct quotes of an article, their speakers, and the key quotes')
    .action((file: string | undefined, opts: QuotesOptions) =>
      run(async () => {
        const count = Number(opts.count);
        if (!Number.isInteger(count) || count < 0) {
          throw new DigestError(`--count must be a whole number, not "${opts.count}"`, { hint: 'for example --count 3' });
        }
        const text = blankFrontMatter(await readInput(file));
        const { extractQuotes, pickKeyQuotes } = await import('../enrich/quotes/index.js');
        const all = extractQuotes(text);
        const shown = opts.all ? all : pickKeyQuotes(all, count);
        process.stdout.write(opts.json ? JSON.stringify(shown.map(plain), null, 2) + '\n' : shown.map(line).join(''));
        return ExitCode.ok;
      }),
    );
};

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DigestError('file not found', { file, hint: 'give the path of a text or Markdown article, or - for stdin' });
    if (code === 'EISDIR') throw new DigestError('is a folder, not a file', { file });
    throw new DigestError(`cannot read the file (${code ?? 'unknown error'})`, { file, code: ExitCode.worldFailure, cause: err });
  }
}

/**
 * Front matter is not article text, but spans must index the input as given, so it is replaced
 * by spaces (newlines kept) rather than cut off.
 */
export function blankFrontMatter(text: string): string {
  const m = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return text;
  return m[0].replace(/[^\r\n]/g, ' ') + text.slice(m[0].length);
}

function plain(q: Quote): Quote {
  return { text: q.text, speaker: q.speaker, spans: q.spans, partial: q.partial, score: q.score };
}

function line(q: Quote): string {
  const who = q.speaker ?? 'unknown speaker';
  // A trailing comma belongs to the reporter's sentence, not to the words shown on their own.
  return `“${q.text.replace(/,$/, '')}” — ${who}${q.partial ? ' (partial)' : ''}  [${q.score}]\n`;
}
