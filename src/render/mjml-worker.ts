/**
 * Runs mjml in a worker thread. Importing mjml takes most of a second; a one-shot `digest build`
 * starts this worker first, so the import runs on the second core while the main thread reads
 * the content, fetches the feeds and runs the templates.
 */
import { parentPort } from 'node:worker_threads';
import mjml2html from 'mjml';

export interface CompileRequest {
  id: number;
  mjml: string;
  options: Record<string, unknown>;
}

export type CompileResponse =
  | { id: number; html: string }
  | { id: number; error: { message: string; errors?: { line: number; message: string; tagName: string }[] } };

parentPort!.on('message', (req: CompileRequest) => {
  void (async () => {
    let response: CompileResponse;
    try {
      response = { id: req.id, html: (await mjml2html(req.mjml, req.options)).html };
    } catch (err) {
      const e = err as Error & { errors?: { line: number; message: string; tagName: string }[] };
      response = { id: req.id, error: { message: e.message, errors: e.errors?.map(({ line, message, tagName }) => ({ line, message, tagName })) } };
    }
    parentPort!.postMessage(response);
  })();
});
