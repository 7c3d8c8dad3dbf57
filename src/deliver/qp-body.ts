import * as qp from 'nodemailer/lib/qp';
import { compilePlaceholders, fillPlaceholders, type CompiledText } from '../render/placeholders.js';

/**
 * A message body, quoted-printable encoded once per issue with only the lines that hold
 * placeholders left to encode per subscriber. Encoding 40 KB of HTML for every recipient would
 * cost more CPU than the SMTP write itself; a digest has a handful of personalised lines.
 * Encoding line by line is exact: in quoted-printable a hard line break is just CRLF.
 */
export interface CompiledBody {
  /** Static chunks (already encoded, CRLF-joined) and personalised lines, in order. */
  parts: (string | CompiledText)[];
  escape: (value: string) => string;
}

const encodeLine = (line: string): string => qp.wrap(qp.encode(line), 76);

export function compileBody(text: string, escape: (value: string) => string = (v) => v): CompiledBody {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const parts: (string | CompiledText)[] = [];
  let run: string[] = [];
  for (const line of lines) {
    if (line.includes('%%')) {
      const compiled = compilePlaceholders(line);
      if (compiled.slots.length) {
        if (run.length) parts.push(run.join('\r\n'));
        run = [];
        parts.push(compiled);
        continue;
      }
    }
    run.push(encodeLine(line));
  }
  if (run.length) parts.push(run.join('\r\n'));
  return { parts, escape };
}

export function fillBody(body: CompiledBody, values: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  for (let i = 0; i < body.parts.length; i++) {
    const part = body.parts[i]!;
    if (i > 0) out += '\r\n';
    out += typeof part === 'string' ? part : encodeLine(fillPlaceholders(part, values, body.escape));
  }
  return out;
}

/**
 * The same as fillBody, as buffers pushed onto `out`: static chunks are encoded to bytes once,
 * so a message is assembled with one copy instead of a 40 KB string re-encoded each time.
 */
export interface BufferBody {
  parts: (Buffer | CompiledText)[];
  escape: (value: string) => string;
}

const CRLF = Buffer.from('\r\n');

export function toBufferBody(body: CompiledBody): BufferBody {
  const parts: (Buffer | CompiledText)[] = [];
  body.parts.forEach((p, i) => {
    if (i > 0) parts.push(CRLF);
    parts.push(typeof p === 'string' ? Buffer.from(p, 'ascii') : p);
  });
  return { parts, escape: body.escape };
}

export function pushBody(body: BufferBody, values: Readonly<Record<string, string | undefined>>, out: Buffer[]): void {
  for (const part of body.parts) {
    out.push(Buffer.isBuffer(part) ? part : Buffer.from(encodeLine(fillPlaceholders(part, values, body.escape)), 'ascii'));
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
