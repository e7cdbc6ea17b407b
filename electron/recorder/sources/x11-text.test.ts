import { describe, expect, it } from 'vitest';
import { decodeCompoundText, decodeStringType, decodeTextProperty, splitNulList } from './x11-text';

const ESC = 0x1b;
const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p instanceof Uint8Array ? p : Uint8Array.from(p)))));
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');
/** ESC % G … ESC % @ around UTF-8 text. */
const utf8Segment = (s: string): Uint8Array => bytes([ESC, 0x25, 0x47], utf8(s), [ESC, 0x25, 0x40]);

describe('splitNulList', () => {
  it('splits on NUL; a trailing NUL ends the last element', () => {
    const parts = splitNulList(bytes('xterm\0XTerm\0')).map((p) => Buffer.from(p).toString('latin1'));
    expect(parts).toEqual(['xterm', 'XTerm']);
    expect(splitNulList(bytes('\0Class\0')).map((p) => Buffer.from(p).toString('latin1'))).toEqual(['', 'Class']);
    expect(splitNulList(new Uint8Array())).toEqual([]);
  });
});

describe('decodeStringType (STRING is ISO 8859-1)', () => {
  it('reads Latin-1 bytes as Latin-1', () => {
    expect(decodeStringType(bytes('R', [0xe9], 'sum', [0xe9]))).toBe('Résumé');
    expect(decodeStringType(bytes([0xa9, 0x20, 0xbd, 0x20, 0xff]))).toBe('© ½ ÿ');
  });
  it('reads UTF-8 that a client wrote under STRING as UTF-8', () => {
    expect(decodeStringType(utf8('Café – 会议'))).toBe('Café – 会议');
  });
  it('keeps quotes and backslashes', () => {
    expect(decodeStringType(bytes(`say "hi" it's C:\\tmp`))).toBe(`say "hi" it's C:\\tmp`);
  });
});

describe('decodeTextProperty', () => {
  it('takes the first element of a list and decodes by type', () => {
    expect(decodeTextProperty('UTF8_STRING', bytes(utf8('会议 📞'), [0], utf8('second')))).toBe('会议 📞');
    expect(decodeTextProperty('STRING', bytes('na', [0xef], 've'))).toBe('naïve');
    expect(decodeTextProperty('COMPOUND_TEXT', bytes('Caf', [0xe9]))).toBe('Café');
  });
});

describe('decodeCompoundText', () => {
  it('starts in ISO 8859-1: any STRING is Compound Text', () => {
    expect(decodeCompoundText(bytes('R', [0xe9], 'sum', [0xe9], ' "q" \\ \'s\''))).toBe(`Résumé "q" \\ 's'`);
  });

  it('decodes UTF-8 segments (ESC % G … ESC % @) between Latin-1 text', () => {
    const ct = bytes('Caf', [0xe9], ' ', utf8Segment('– 会议 📞'), ' ok');
    expect(decodeCompoundText(ct)).toBe('Café – 会议 📞 ok');
  });

  it('decodes a UTF-8 segment left open to the end', () => {
    expect(decodeCompoundText(bytes([ESC, 0x25, 0x47], utf8('终')))).toBe('终');
  });

  it('switches GR to other ISO 8859 parts (ESC - F) and back to Latin-1', () => {
    // ESC - L: ISO 8859-5 (Cyrillic) right half; 0xBF 0xE0 0xD8 0xD2 0xD5 0xE2 = "Привет"
    const ct = bytes([ESC, 0x2d, 0x4c], [0xbf, 0xe0, 0xd8, 0xd2, 0xd5, 0xe2], [ESC, 0x2d, 0x41], ' caf', [0xe9]);
    expect(decodeCompoundText(ct)).toBe('Привет café');
    // ESC - B: ISO 8859-2, 0xB3 = ł
    expect(decodeCompoundText(bytes([ESC, 0x2d, 0x42], 'W', [0xb3], 'oc'))).toBe('Włoc');
  });

  it('decodes 94^2 sets in GR (GB 2312, JIS X 0208, KS C 5601)', () => {
    // ESC $ ) A: GB 2312 into GR; 会议 = B B E 1  D 2 E 9 in EUC-CN
    expect(decodeCompoundText(bytes([ESC, 0x24, 0x29, 0x41], [0xbb, 0xe1, 0xd2, 0xe9]))).toBe('会议');
    // ESC $ ) B: JIS X 0208; 日本 = C6 FC CB DC in EUC-JP
    expect(decodeCompoundText(bytes('x', [ESC, 0x24, 0x29, 0x42], [0xc6, 0xfc, 0xcb, 0xdc], 'y'))).toBe('x日本y');
    // ESC $ ) C: KS C 5601; 한 = C7 D1 in EUC-KR
    expect(decodeCompoundText(bytes([ESC, 0x24, 0x29, 0x43], [0xc7, 0xd1]))).toBe('한');
  });

  it('decodes a 94^2 set designated to GL (ESC $ ( B) and returns to ASCII with ESC ( B', () => {
    // 日本 in JIS X 0208 GL form: 46 7C 4B 5C
    const ct = bytes([ESC, 0x24, 0x28, 0x42], [0x46, 0x7c, 0x4b, 0x5c], [ESC, 0x28, 0x42], 'ok');
    expect(decodeCompoundText(ct)).toBe('日本ok');
  });

  it('decodes extended segments by encoding name and resumes the previous state', () => {
    const text = utf8('📞 call');
    const name = bytes('utf-8', [0x02]);
    const len = name.length + text.length;
    const ct = bytes('a', [ESC, 0x25, 0x2f, 0x30, 0x80 + (len >> 7), 0x80 + (len & 0x7f)], name, text, [0xe9]);
    expect(decodeCompoundText(ct)).toBe('a📞 callé');
  });

  it('skips direction controls and unknown designations, keeps HT and NL', () => {
    const ct = bytes([0x9b, 0x31, 0x5d], 'a\tb\nc', [0x9b, 0x5d], [ESC, 0x2d, 0x7e], [0xa0 + 1]);
    expect(decodeCompoundText(ct)).toBe('a\tb\nc\uFFFD');
  });

  it('does not throw on truncated input', () => {
    expect(decodeCompoundText(bytes('ok', [ESC]))).toBe('ok');
    expect(decodeCompoundText(bytes('ok', [ESC, 0x24, 0x29, 0x41], [0xbb]))).toBe('ok\uFFFD');
    expect(decodeCompoundText(bytes('ok', [ESC, 0x25, 0x2f, 0x30, 0x80]))).toBe('ok');
  });
});
