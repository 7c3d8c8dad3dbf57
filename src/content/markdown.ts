import { Lexer, type Token, type Tokens } from 'marked';

/**
 * Markdown to plain text with paragraphs separated by blank lines. The digest shows summaries,
 * not bodies, so the body is only ever read as text: for the summary lead, the key quotes and the
 * reading time. Raw HTML in Markdown is dropped, never passed on.
 */
export function markdownToText(markdown: string): string {
  const tokens = new Lexer().lex(markdown);
  return blocks(tokens).filter(Boolean).join('\n\n');
}

function blocks(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'paragraph':
      case 'heading':
        out.push(inline((t as Tokens.Paragraph).tokens).trim());
        break;
      case 'blockquote':
        out.push(...blocks((t as Tokens.Blockquote).tokens));
        break;
      case 'list':
        for (const item of (t as Tokens.List).items) out.push(blocks(item.tokens).join(' '));
        break;
      case 'code':
        out.push((t as Tokens.Code).text);
        break;
      case 'text':
        out.push('tokens' in t && t.tokens ? inline(t.tokens) : (t as Tokens.Text).text);
        break;
      default:
        break; // html, hr, space, tables: not prose
    }
  }
  return out;
}

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let s = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        s += 'tokens' in t && t.tokens ? inline(t.tokens) : decodeEntities((t as Tokens.Text).text);
        break;
      case 'escape':
        s += (t as Tokens.Escape).text;
        break;
      case 'codespan':
        s += decodeEntities((t as Tokens.Codespan).text);
        break;
      case 'br':
        s += '\n';
        break;
      case 'html':
        break;
      default:
        s += 'tokens' in t && Array.isArray(t.tokens) ? inline(t.tokens) : 'text' in t ? String(t.text) : '';
    }
  }
  return s;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
