/**
 * Bytes to text for imports, without Node or DOM APIs (shared/ runs in a browser too). Recognizes a
 * byte-order mark for UTF-8, UTF-16 LE and UTF-16 BE (HubSpot and Excel write UTF-16 with a BOM);
 * without one, UTF-16 is recognized by a zero byte beside an ASCII character at the start, and
 * anything else must be valid UTF-8. The BOM is removed from the text.
 */
import type { ImportError } from './result';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; errors: ImportError[] };

/** The line (1-based) of byte `offset` when the bytes before it are ASCII-compatible UTF-8. */
function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): DecodeResult {
  if ((bytes.length - start) % 2 !== 0) {
    return {
      ok: false,
      errors: [
        {
          line: 0,
          message: 'The file looks like UTF-16 but has an odd number of bytes, so it is cut short or not UTF-16. Export it again.',
          problem: { code: 'odd-utf16', params: {} },
        },
      ],
    };
  }
  const chunks: string[] = [];
  const units: number[] = [];
  for (let i = start; i < bytes.length; i += 2) {
    units.push(littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length === 8192) chunks.push(String.fromCharCode(...units.splice(0)));
  }
  chunks.push(String.fromCharCode(...units));
  return { ok: true, text: chunks.join(''), encoding: littleEndian ? 'utf-16le' : 'utf-16be' };
}

function decodeUtf8(bytes: Uint8Array, start: number): DecodeResult {
  const chunks: string[] = [];
  let codes: number[] = [];
  const invalid = (at: number): DecodeResult => ({
    ok: false,
    errors: [
      {
        line: lineAtByte(bytes, at),
        message: `The file is not valid UTF-8 (bad byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at byte ${at}). Save or export it as UTF-8 (or UTF-16 with a byte-order mark) and import again.`,
        problem: { code: 'not-utf8', params: { byte: `0x${bytes[at]!.toString(16).padStart(2, '0')}`, at: String(at) } },
      },
    ],
  });
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      cp = b;
      need = 0;
      min = 0;
    } else if (b >= 0xc2 && b <= 0xdf) {
      cp = b & 0x1f;
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      cp = b & 0x0f;
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      cp = b & 0x07;
      need = 3;
      min = 0x10000;
    } else {
      return invalid(i);
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return invalid(i);
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return invalid(i);
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      codes.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
    } else {
      codes.push(cp);
    }
    if (codes.length >= 8192) {
      chunks.push(String.fromCharCode(...codes));
      codes = [];
    }
    i += need + 1;
  }
  chunks.push(String.fromCharCode(...codes));
  return { ok: true, text: chunks.join(''), encoding: 'utf-8' };
}

/** Decodes an import file; a string is taken as already decoded (a leading BOM is still removed). */
export function decodeText(input: string | Uint8Array): DecodeResult {
  if (typeof input === 'string') {
    return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, encoding: 'utf-8' };
  }
  const b = input;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeUtf8(b, 3);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return decodeUtf16(b, 2, true);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeUtf16(b, 2, false);
  // No BOM: an ASCII character next to a zero byte is UTF-16; text files never contain NUL otherwise.
  if (b.length >= 2 && b[0] !== 0 && b[0]! < 0x80 && b[1] === 0) return decodeUtf16(b, 0, true);
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0 && b[1]! < 0x80) return decodeUtf16(b, 0, false);
  return decodeUtf8(b, 0);
}
