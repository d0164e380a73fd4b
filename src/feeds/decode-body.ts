import { decodeBuffer, decodeWindows1252, looksBinary } from '../store/ingest/decode.js';

/** The charset parameter of a Content-Type header ("text/xml; charset=ISO-8859-1" → "iso-8859-1"). */
export function headerCharset(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1].toLowerCase();
}

/** The encoding an XML declaration names (<?xml version="1.0" encoding="windows-1251"?>). */
export function xmlDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1].toLowerCase();
}

export type DecodedBody = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * A response body as text. A byte-order mark wins, then the Content-Type charset, then the XML
 * declaration, then UTF-8 (or windows-1252 when the bytes are not valid UTF-8, as for files).
 * The WHATWG labels for Latin-1 all mean windows-1252, decoded with the store's own table since
 * Node 20's TextDecoder maps 0x80–0x9F as control characters.
 */
export function decodeBody(bytes: Buffer, contentType: string | undefined): DecodedBody {
  const bom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!bom) {
    const label = headerCharset(contentType) ?? xmlDeclaredCharset(bytes);
    const encoding = label ? supported(label) : undefined;
    if (encoding === 'windows-1252') return { ok: true, text: decodeWindows1252(bytes), encoding };
    if (encoding && encoding !== 'utf-8' && !encoding.startsWith('utf-16')) {
      if (looksBinary(bytes)) return { ok: false, reason: 'binary content' };
      return { ok: true, text: new TextDecoder(encoding).decode(bytes), encoding };
    }
  }
  const decoded = decodeBuffer(bytes);
  return decoded.ok
    ? { ok: true, text: decoded.text, encoding: decoded.encoding }
    : { ok: false, reason: decoded.reason === 'binary file' ? 'binary content' : decoded.reason };
}

/** The WHATWG name of a charset label, or undefined when Node cannot decode it. */
function supported(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}
