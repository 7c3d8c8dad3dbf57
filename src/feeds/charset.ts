/**
 * Bytes to text the way XML says to (RFC 7303): a byte-order mark wins, then the charset of the
 * HTTP Content-Type, then the encoding in the XML declaration, then UTF-8. TextDecoder knows the
 * legacy encodings (ISO-8859-1 maps to windows-1252, as browsers do) because Node has full ICU.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string): string {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWith(bom, bytes);
  const label = charsetParam(contentType) ?? xmlDeclEncoding(bytes) ?? 'utf-8';
  return decodeWith(label, bytes);
}

function decodeWith(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // An unknown label is far more often a typo ("utf8x", "latin") than a real exotic charset.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function bomEncoding(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return undefined;
}

export function charsetParam(contentType?: string): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

function xmlDeclEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every encoding a feed uses, so latin1 reads it safely.
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : undefined;
}
