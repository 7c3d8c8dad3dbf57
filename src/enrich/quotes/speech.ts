import { isLowerCode, isSpaceCode, isWordCode } from './chars.js';

/**
 * Tells speech from the other things writers put in quote marks: scare quotes ("the “popular”
 * app"), titles and nicknames (“The Steve Harvey Morning Show”), single words. Following the
 * field's practice, spans under four words or with every content word capitalised are dropped
 * unless they stand as a sentence with their own attribution (“No,” she said).
 */

const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'but', 'by', 'with', 'from', 'as',
  'is', 'are', 'de', 'la', 'le', 'du', 'van', 'von', 'und', 'der', 'die', 'das', 'et',
]);

export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

function isTitleCase(ws: string[]): boolean {
  const content = ws.map((w) => w.replace(/^[^\p{L}\p{N}]+/u, '')).filter((w) => !FUNCTION_WORDS.has(w.toLowerCase()));
  if (content.length < 2) return false;
  return content.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/** Whether the quoted words read as something said, given whether a speaker is attached to them. */
export function isSpeech(text: string, standsAlone: boolean, attributed: boolean): boolean {
  const ws = words(text);
  if (ws.length === 0) return false;
  const terminal = /[.!?…,]["'”’»]?$/.test(text.trimEnd());
  if (ws.length < 4) return standsAlone && attributed && terminal;
  if (isTitleCase(ws)) return standsAlone && attributed;
  return true;
}

/** The first letter of the quote, past brackets and ellipses ("[It] could be", "… are feeding"). */
export function startsLower(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) {
      // An editor's insertion stands for the speaker's own words; judge by what it says.
      continue;
    }
    if (isWordCode(c)) return isLowerCode(c);
    if (isSpaceCode(c)) continue;
  }
  return false;
}

export function endsTerminal(text: string): boolean {
  return /[.!?…]\s*$/.test(text);
}
