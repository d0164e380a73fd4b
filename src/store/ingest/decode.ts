/** The outcome of turning a file's bytes into text. */
export type Decoded = { ok: true; text: string; encoding: string; note?: string } | { ok: false; reason: string };

/** How much of the start of a file the binary check looks at. */
const SNIFF_BYTES = 8192;
/** Share of control characters above which a file is treated as binary. */
const CONTROL_RATIO = 0.1;

/**
 * Decodes a file: UTF-8 (BOM stripped), UTF-16 when it starts with a BOM, and otherwise, when the
 * bytes are not valid UTF-8, windows-1252 (a superset of printable latin1, the usual encoding of
 * old exports) with a note saying so. NUL bytes or many control characters mean a binary file,
 * which is refused rather than stored as garbage.
 */
export function decodeBuffer(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return {
      ok: true,
      text: decodeWindows1252(body),
      encoding: 'windows-1252',
      note: 'not valid UTF-8; decoded as windows-1252',
    };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    // TextDecoder drops the BOM itself.
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: `invalid ${encoding.toUpperCase()} text` };
  }
}

/**
 * True for NUL bytes or a high share of control characters (tab, CR, LF, FF excepted). With
 * `nulIsBinary: false` a NUL only counts as one more control character: JSON Lines judge each line
 * on its own, so one bad line must not make the whole file binary.
 */
export function looksBinary(bytes: Uint8Array, opts: { nulIsBinary?: boolean } = {}): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n === 0) return false;
  const nulIsBinary = opts.nulIsBinary !== false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0 && nulIsBinary) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / n > CONTROL_RATIO;
}

/**
 * windows-1252 differs from latin1 only in 0x80–0x9F (curly quotes, dashes, €, …). Node 20's
 * TextDecoder('windows-1252') decodes those as latin1 control characters, so they are mapped here
 * from the WHATWG index; the five undefined bytes stay as their control characters.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk = 8192;
  for (let i = 0; i < bytes.length; i += chunk) {
    const part = bytes.subarray(i, i + chunk);
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j];
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
