/**
 * Decoding X text properties (ICCCM §2.7.1 / EWMH): window titles arrive as UTF8_STRING (_NET_WM_NAME),
 * STRING (ISO 8859-1) or COMPOUND_TEXT (WM_NAME of older Xlib clients), as NUL-separated lists.
 * Pure functions over bytes; no X connection involved.
 */
import { TextDecoder } from 'node:util';

const utf8 = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const REPLACEMENT = '\uFFFD';

/** The elements of a NUL-separated text list (a trailing NUL ends the last element, it does not add one). */
export function splitNulList(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}

/** The first element of a NUL-separated list: what a title property holds. */
export function firstListElement(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/**
 * A STRING property: ISO 8859-1 by definition. Many clients nevertheless write UTF-8 bytes under the STRING
 * type; when the bytes contain non-ASCII and form valid UTF-8 they are read as UTF-8. Genuine Latin-1 text
 * almost never is valid UTF-8 (it would need a letter such as "Ã" followed by a C1 control or a symbol
 * from U+00A0–U+00BF), so "Résumé" in Latin-1 stays "Résumé".
 */
export function decodeStringType(bytes: Uint8Array): string {
  if (bytes.every((b) => b < 0x80)) return decodeLatin1(bytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeLatin1(bytes);
  }
}

/** Encoding types a text property may carry, by atom name. */
export type TextPropertyType = 'UTF8_STRING' | 'STRING' | 'COMPOUND_TEXT' | 'C_STRING';

/** Decodes the first element of a text property of the given type; unknown types are read as STRING. */
export function decodeTextProperty(type: TextPropertyType | string, bytes: Uint8Array): string {
  const first = firstListElement(bytes);
  switch (type) {
    case 'UTF8_STRING':
      return decodeUtf8(first);
    case 'COMPOUND_TEXT':
      return decodeCompoundText(first);
    default:
      return decodeStringType(first);
  }
}

// ---------------------------------------------------------------------------------------------------------
// COMPOUND_TEXT (X Consortium "Compound Text Encoding", version 1.1, an ISO 2022 profile).
//
// - Initial state: GL = ASCII (left half of ISO 8859-1), GR = right half of ISO 8859-1, so any STRING is
//   valid COMPOUND_TEXT.
// - Designations: ESC ( F  94-set → GL;  ESC ) F  94-set → GR;  ESC - F  96-set → GR;
//   ESC $ ( F  94^N-set → GL;  ESC $ ) F  94^N-set → GR  (F = final byte 0x40–0x7E). Designation also
//   invokes: no locking or single shifts are used.
// - In GL, 0x20 is always SPACE and 0x7F is never used; in GR a 94-set leaves 0xA0 and 0xFF unused.
// - Controls: only HT (0x09), NL (0x0A), ESC and CSI (0x9B; CSI 1 ] / CSI 2 ] / CSI ] mark text direction).
// - ESC % G … ESC % @: a segment in UTF-8 (ISO 2022 "other coding system", as written by libX11 for
//   characters outside the standard sets).
// - Extended segments: ESC % / F M L name STX text, F in '0'…'4' (octets per character, '0' variable),
//   length = (M − 128) × 128 + (L − 128) octets counting name and STX; the state in force resumes after.
// ---------------------------------------------------------------------------------------------------------

const ESC = 0x1b;
const CSI = 0x9b;
const STX = 0x02;

type Charset =
  | { kind: 'single'; chars: string } // index: byte & 0x7f, 0x20..0x7f for 96-sets, 0x21..0x7e for 94-sets
  | { kind: 'double'; decode: (b1: number, b2: number) => string }
  | { kind: 'unknown'; width: number };

const ASCII: Charset = { kind: 'single', chars: tableFromCodePoints((b) => b) };
const LATIN1_RIGHT: Charset = { kind: 'single', chars: tableFromCodePoints((b) => b | 0x80) };

function tableFromCodePoints(map: (low7: number) => number): string {
  let s = '';
  for (let b = 0; b < 0x80; b++) s += String.fromCharCode(map(b));
  return s;
}

/** 96-character sets designated with ESC - F: the right halves of the ISO 8859 parts. */
const ISO8859_BY_FINAL: Readonly<Record<string, string>> = {
  A: 'iso-8859-1',
  B: 'iso-8859-2',
  C: 'iso-8859-3',
  D: 'iso-8859-4',
  F: 'iso-8859-7',
  G: 'iso-8859-6',
  H: 'iso-8859-8',
  L: 'iso-8859-5',
  M: 'iso-8859-9',
  T: 'tis-620',
  V: 'iso-8859-10',
  Y: 'iso-8859-13',
  _: 'iso-8859-14',
  b: 'iso-8859-15',
  f: 'iso-8859-16',
};

/** 94^2 sets designated with ESC $ ( F / ESC $ ) F, read through their EUC form. */
const EUC_BY_FINAL: Readonly<Record<string, string>> = {
  A: 'gbk', // GB 2312
  B: 'euc-jp', // JIS X 0208
  C: 'euc-kr', // KS C 5601
};

const charsetCache = new Map<string, Charset>();

function cached(key: string, make: () => Charset): Charset {
  let cs = charsetCache.get(key);
  if (!cs) {
    cs = make();
    charsetCache.set(key, cs);
  }
  return cs;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function charset94(final: number): Charset {
  const f = String.fromCharCode(final);
  return cached(`94${f}`, () => {
    switch (f) {
      case 'B': // ASCII
        return ASCII;
      case 'J': // JIS X 0201 Roman: ASCII with YEN SIGN and OVERLINE
        return {
          kind: 'single',
          chars: tableFromCodePoints((b) => (b === 0x5c ? 0xa5 : b === 0x7e ? 0x203e : b)),
        };
      case 'I': // JIS X 0201 Katakana: 0x21..0x5F → U+FF61..U+FF9F
        return {
          kind: 'single',
          chars: tableFromCodePoints((b) => (b >= 0x21 && b <= 0x5f ? 0xff61 + b - 0x21 : 0xfffd)),
        };
      default:
        return { kind: 'unknown', width: 1 };
    }
  });
}

function charset96(final: number): Charset {
  const f = String.fromCharCode(final);
  return cached(`96${f}`, () => {
    if (f === 'A') return LATIN1_RIGHT;
    const label = ISO8859_BY_FINAL[f];
    const decoder = label ? decoderFor(label) : null;
    if (!decoder) return { kind: 'unknown', width: 1 };
    const right = new Uint8Array(0x80);
    for (let b = 0; b < 0x80; b++) right[b] = b | 0x80;
    // Single-byte encodings decode one byte to one BMP character, so the string indexes like the bytes.
    return { kind: 'single', chars: decoder.decode(right) };
  });
}

function charset94n(final: number): Charset {
  const f = String.fromCharCode(final);
  return cached(`94^2${f}`, () => {
    const label = EUC_BY_FINAL[f];
    const decoder = label ? decoderFor(label) : null;
    if (!decoder) return { kind: 'unknown', width: final >= 0x60 ? 3 : 2 };
    return {
      kind: 'double',
      decode: (b1, b2) => decoder.decode(Uint8Array.of(b1 | 0x80, b2 | 0x80)),
    };
  });
}

/** Decodes the text of an extended segment by its registered encoding name, as far as TextDecoder knows it. */
function decodeExtendedSegment(name: string, octetsPerChar: number, text: Uint8Array): string {
  const n = name.toLowerCase();
  if (n === 'utf-8' || n === 'utf8') return decodeUtf8(text);
  if (n === 'iso10646-1') {
    if (octetsPerChar === 0) return decodeUtf8(text);
    if (octetsPerChar === 2) return decoderFor('utf-16be')?.decode(text) ?? REPLACEMENT;
    if (octetsPerChar === 4) {
      let s = '';
      for (let i = 0; i + 4 <= text.length; i += 4) {
        const cp = ((text[i]! << 24) | (text[i + 1]! << 16) | (text[i + 2]! << 8) | text[i + 3]!) >>> 0;
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : REPLACEMENT;
      }
      return s;
    }
  }
  // XLFD-style names: "big5-0", "koi8-r", "gbk-0" …
  const decoder = decoderFor(n) ?? decoderFor(n.replace(/-\d+$/, ''));
  if (decoder) return decoder.decode(text);
  const units = octetsPerChar > 0 ? Math.ceil(text.length / octetsPerChar) : 1;
  return REPLACEMENT.repeat(Math.max(1, units));
}

/** Decodes COMPOUND_TEXT bytes (one list element, no NULs) to a string. */
export function decodeCompoundText(bytes: Uint8Array): string {
  let gl: Charset = ASCII;
  let gr: Charset = LATIN1_RIGHT;
  let out = '';
  let i = 0;
  const n = bytes.length;

  // Graphic bytes of a double-byte set come in pairs from the same half.
  const emitGraphic = (cs: Charset, b: number): void => {
    if (cs.kind === 'single') {
      out += cs.chars[b & 0x7f] ?? REPLACEMENT;
      i += 1;
    } else if (cs.kind === 'double') {
      const b2 = bytes[i + 1];
      if (b2 === undefined || (b2 & 0x80) !== (b & 0x80) || (b2 & 0x7f) < 0x21 || (b2 & 0x7f) > 0x7e) {
        out += REPLACEMENT;
        i += 1;
      } else {
        out += cs.decode(b & 0x7f, b2 & 0x7f);
        i += 2;
      }
    } else {
      out += REPLACEMENT;
      i += Math.min(cs.width, n - i);
    }
  };

  while (i < n) {
    const b = bytes[i]!;
    if (b === ESC) {
      // ESC, intermediates 0x20..0x2F, one final byte 0x30..0x7E.
      let j = i + 1;
      while (j < n && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f) j++;
      if (j >= n) break; // truncated sequence: nothing more to show
      const inter = bytes.subarray(i + 1, j);
      const final = bytes[j]!;
      const next = j + 1;
      const i0 = inter[0];
      const i1 = inter[1];
      if (inter.length === 1 && i0 === 0x28)
        gl = charset94(final); // ESC ( F
      else if (inter.length === 1 && i0 === 0x29)
        gr = charset94(final); // ESC ) F
      else if (inter.length === 1 && i0 === 0x2d)
        gr = charset96(final); // ESC - F
      else if (inter.length === 2 && i0 === 0x24 && i1 === 0x28)
        gl = charset94n(final); // ESC $ ( F
      else if (inter.length === 2 && i0 === 0x24 && i1 === 0x29)
        gr = charset94n(final); // ESC $ ) F
      else if (inter.length === 1 && i0 === 0x24 && final >= 0x40 && final <= 0x42)
        gl = charset94n(final); // ESC $ @/A/B
      else if (inter.length === 1 && i0 === 0x25 && final === 0x47) {
        // ESC % G: UTF-8 until ESC % @ (or the end).
        let end = next;
        while (end < n && !(bytes[end] === ESC && bytes[end + 1] === 0x25 && bytes[end + 2] === 0x40)) end++;
        out += decodeUtf8(bytes.subarray(next, end));
        i = end < n ? end + 3 : n;
        continue;
      } else if (inter.length === 2 && i0 === 0x25 && i1 === 0x2f && final >= 0x30 && final <= 0x34) {
        // ESC % / F M L name STX text
        const m = bytes[next];
        const l = bytes[next + 1];
        if (m === undefined || l === undefined) break;
        const length = ((m - 128) & 0x7f) * 128 + ((l - 128) & 0x7f);
        const segStart = next + 2;
        const segEnd = Math.min(n, segStart + length);
        const seg = bytes.subarray(segStart, segEnd);
        const stx = seg.indexOf(STX);
        if (stx >= 0) {
          const name = decodeLatin1(seg.subarray(0, stx));
          out += decodeExtendedSegment(name, final - 0x30, seg.subarray(stx + 1));
        } else if (seg.length > 0) {
          out += REPLACEMENT;
        }
        i = segEnd;
        continue;
      }
      // Anything else (ESC % @ outside a UTF-8 segment, unsupported announcers) carries no text.
      i = next;
      continue;
    }
    if (b === CSI) {
      // Direction control: CSI parameters (0x30..0x3F), intermediates (0x20..0x2F), final (0x40..0x7E).
      let j = i + 1;
      while (j < n && bytes[j]! >= 0x20 && bytes[j]! <= 0x3f) j++;
      i = Math.min(n, j + 1);
      continue;
    }
    if (b === 0x09 || b === 0x0a) {
      out += String.fromCharCode(b);
      i += 1;
      continue;
    }
    if (b < 0x20 || (b >= 0x7f && b < 0xa0)) {
      i += 1; // other controls are not allowed in Compound Text; drop them
      continue;
    }
    if (b === 0x20) {
      out += ' ';
      i += 1;
      continue;
    }
    emitGraphic(b < 0x80 ? gl : gr, b);
  }
  return out;
}
