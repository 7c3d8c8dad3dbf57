import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageTransport, TransportResult } from './deliverer.js';
import type { OutgoingMessage } from './message.js';

/** The dry-run way out: each message becomes an .eml file any mail client opens. */
export function createEmlTransport(dir: string): MessageTransport & { files: string[] } {
  const files: string[] = [];
  return {
    name: `files in ${dir}`,
    files,
    async verify() {
      mkdirSync(dir, { recursive: true });
    },
    async send(message: OutgoingMessage): Promise<TransportResult> {
      const safe = message.envelope.to[0]!.replace(/[^A-Za-z0-9@._-]/g, '_');
      const file = join(dir, `${String(files.length + 1).padStart(3, '0')}-${safe}.eml`);
      writeFileSync(file, message.raw);
      files.push(file);
      return { ok: true, response: `written to ${file}` };
    },
    async close() {},
  };
}
