import { describe, expect, it } from 'vitest';
import { decodeBuffer } from '../../src/store/ingest/decode.js';

describe('decoding file bytes', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    expect(decodeBuffer(Buffer.from('\uFEFFLópez said “yes”.', 'utf8'))).toEqual({
      ok: true,
      text: 'López said “yes”.',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16 little and big endian when the file starts with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ebrard habló.', 'utf16le')]);
    expect(decodeBuffer(le)).toMatchObject({ ok: true, text: 'Ebrard habló.', encoding: 'utf-16le' });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeBuffer(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({
      ok: true,
      text: 'Ebrard habló.',
      encoding: 'utf-16be',
    });
  });

  it('decodes bytes that are not valid UTF-8 as windows-1252, with a note', () => {
    // "López said “yes”" as windows-1252: ó = F3, curly quotes = 93/94.
    const bytes = Buffer.from([
      0x4c, 0xf3, 0x70, 0x65, 0x7a, 0x20, 0x73, 0x61, 0x69, 0x64, 0x20, 0x93, 0x79, 0x65, 0x73, 0x94,
    ]);
    expect(decodeBuffer(bytes)).toEqual({
      ok: true,
      text: 'López said “yes”',
      encoding: 'windows-1252',
      note: 'not valid UTF-8; decoded as windows-1252',
    });
  });

  it('refuses binary data: NUL bytes or many control characters', () => {
    expect(decodeBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toEqual({
      ok: false,
      reason: 'binary file',
    });
    const noisy = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeBuffer(noisy)).toEqual({ ok: false, reason: 'binary file' });
  });

  it('keeps ordinary text with tabs, form feeds and CRLF line ends', () => {
    expect(decodeBuffer(Buffer.from('a\tb\r\nc\fd'))).toMatchObject({ ok: true, text: 'a\tb\r\nc\fd' });
  });
});
