import { LineCounter, parseDocument, isMap, isSeq, type Node, type Pair } from 'yaml';
import { DigestError, type Problem } from '../errors.js';

/**
 * YAML parsed with its positions kept, so a validation problem at `sections.2.title` can be
 * reported as `content/newsletter.yaml:14`.
 */
export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the value at `path` (or of the key `key` inside it); the nearest parent if absent. */
  lineOf(path: readonly PropertyKey[], key?: string): number | undefined;
}

export function parseYaml(text: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;

  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((e) => ({
      file,
      line: lineAt(e.pos[0]),
      message: `invalid YAML: ${e.message.split('\n')[0]}`,
      hint: 'check the indentation and quote values that contain ": " or start with a special character',
    }));
    const [first, ...rest] = problems;
    throw new DigestError(first!.message, { file, line: first!.line, hint: first!.hint, problems: rest });
  }

  return {
    file,
    data: doc.toJS(),
    lineOf(path, key) {
      let node: unknown = doc.contents;
      let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : undefined;
      const steps = key === undefined ? path : [...path, key];
      for (const step of steps) {
        if (isMap(node)) {
          const pair = node.items.find((p: Pair) => keyOf(p) === String(step));
          if (!pair) break;
          const keyNode = pair.key as Node | null;
          if (keyNode?.range) line = lineAt(keyNode.range[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof step === 'number') {
          const item = node.items[step] as Node | undefined;
          if (!item) break;
          if (item.range) line = lineAt(item.range[0]);
          node = item;
        } else break;
      }
      return line;
    },
  };
}

function keyOf(pair: Pair): string {
  const k = pair.key as { value?: unknown } | null;
  return k && typeof k === 'object' && 'value' in k ? String(k.value) : String(k);
}
