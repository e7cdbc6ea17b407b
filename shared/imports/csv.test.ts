import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './csv';
import { utf16, utf8 } from './fixtures/encode';
import { ErrorList, MAX_LISTED_ERRORS } from './result';
import { readTable } from './table';
import { decodeText } from './text';

function rows(text: string) {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.rows;
}

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping start lines', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n3,,\r\n';
    expect(rows(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['3', '', ''] },
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends, and no final line break', () => {
    expect(rows('a,b\nc,d').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(rows('a,b\rc,d\r').map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['c', 'd']],
    ]);
    expect(rows('"multi\nline"\n"x"\n').map((r) => r.line)).toEqual([1, 3]);
  });

  it('drops a BOM and keeps blank lines as empty records', () => {
    expect(rows('\uFEFFid,name\n\n1,x\n')).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['1', 'x'] },
    ]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(rows('5\'10",ok\n')[0]!.fields).toEqual(['5\'10"', 'ok']);
  });

  it('reports an unclosed quote at the line it opened on', () => {
    expect(parseCsv('a,b\n1,"never\nclosed\n')).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: 'A quoted field opened on line 2 is never closed: a closing " is missing.' }],
    });
  });

  it('reports text after a closing quote', () => {
    const r = parseCsv('a,b\n"x"y,z\n');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({ line: 2, message: 'Unexpected "y" after a closing quote; a quote inside a quoted field must be doubled ("").' });
  });

  it('detects comma, tab and semicolon from the first record, ignoring quoted ones', () => {
    expect(detectDelimiter('a\tb\tc\n1,2\t3')).toBe('\t');
    expect(detectDelimiter('"a;b,c";d;e\n')).toBe(';');
    expect(detectDelimiter('"a\tb",c\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
    expect(parseCsv('a\tb\n"1,5"\t2\n')).toEqual({
      ok: true,
      delimiter: '\t',
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1,5', '2'] },
      ],
    });
  });

  it('round-trips any table written the RFC 4180 way', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (table) => {
        const width = table[0]!.length;
        const data = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'z'));
        const text = data.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        const parsed = parseCsv(text, { delimiter: ',' });
        expect(parsed.ok && parsed.rows.map((r) => r.fields)).toEqual(data);
      }),
    );
  });

  it('accepts CRLF, LF and lone CR mixed in one file, keeping each break inside quoted values', () => {
    const text = 'a,b\r\n"one\rtwo","x\r\ny"\n"p\nq",r\rs,t\r\n';
    expect(rows(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['one\rtwo', 'x\r\ny'] },
      { line: 5, fields: ['p\nq', 'r'] },
      { line: 7, fields: ['s', 't'] },
    ]);
  });

  it('reads an empty file as no records, and a lone line break as one blank record', () => {
    expect(rows('')).toEqual([]);
    expect(rows('\r\n')).toEqual([{ line: 1, fields: [''] }]);
    expect(rows('a\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
    ]);
  });

  it('drops only one BOM', () => {
    expect(rows('\uFEFF\uFEFFa,b\n')).toEqual([{ line: 1, fields: ['\uFEFFa', 'b'] }]);
  });

  it('refuses spaces between a closing quote and the delimiter or line end', () => {
    const message = 'Unexpected " " after a closing quote; a quote inside a quoted field must be doubled ("").';
    expect(parseCsv('a,b\n"x" ,y\n')).toMatchObject({ ok: false, errors: [{ line: 2, message }] });
    expect(parseCsv('a,b\n1,"two\nlines" \n')).toMatchObject({ ok: false, errors: [{ line: 3, message }] });
    expect(parseCsv('a;b\n"x"\t;y\n')).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: 'Unexpected "\\t" after a closing quote; a quote inside a quoted field must be doubled ("").' }],
    });
  });

  it('reports the first problem in the file, on the line where it is', () => {
    // Text after a closing quote: the line of the closing quote, even after a multi-line value.
    expect(parseCsv('a,b\r\n"x\r\ny\r\nz"!,1\r\n')).toMatchObject({
      ok: false,
      errors: [{ line: 4, message: 'Unexpected "!" after a closing quote; a quote inside a quoted field must be doubled ("").' }],
    });
    // Spaces after one field come before a bad quote later in the same record.
    expect(parseCsv('"a" ,"b"c\n')).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: 'Unexpected " " after a closing quote; a quote inside a quoted field must be doubled ("").' }],
    });
    // An unclosed quote after multi-line values and lone-CR records.
    expect(parseCsv('a,b\r"1\r\n2",3\r4,"five\n')).toMatchObject({
      ok: false,
      errors: [{ line: 4, message: 'A quoted field opened on line 4 is never closed: a closing " is missing.' }],
    });
  });

  it('numbers each record by the line breaks before it, whichever kind they are', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\r\n', ' '), maxLength: 5 });
    const record = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n', '\r'));
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (records) => {
        let text = '';
        const expected: { line: number; fields: string[] }[] = [];
        for (const [cells, end] of records) {
          expected.push({ line: 1 + (text.match(/\r\n|\r|\n/g) ?? []).length, fields: cells });
          text += cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',') + end;
        }
        expect(parseCsv(text, { delimiter: ',' })).toEqual({ ok: true, delimiter: ',', rows: expected });
      }),
    );
  });
});

describe('decodeText', () => {
  const text = 'Deal Name\tAmount\r\nMüller – Rollout 😀\t12\r\n';

  it.each([
    ['UTF-8 with BOM', utf8(text, true), 'utf-8'],
    ['UTF-8 without BOM', utf8(text), 'utf-8'],
    ['UTF-16 LE with BOM', utf16(text, 'le'), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16(text, 'be'), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16(text, 'le', false), 'utf-16le'],
    ['UTF-16 BE without BOM', utf16(text, 'be', false), 'utf-16be'],
  ])('%s', (_, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it('refuses invalid UTF-8 with the line it is on', () => {
    const bytes = Uint8Array.from([...utf8('a,b\n1,'), 0xff, ...utf8('\n')]);
    expect(decodeText(bytes)).toMatchObject({
      ok: false,
      errors: [
        {
          line: 2,
          message: 'The file is not valid UTF-8 (bad byte 0xff at byte 6). Save or export it as UTF-8 (or UTF-16 with a byte-order mark) and import again.',
        },
      ],
    });
    expect(decodeText(Uint8Array.from([0xc0, 0x80])).ok).toBe(false); // overlong
    expect(decodeText(Uint8Array.from([0xed, 0xa0, 0x80])).ok).toBe(false); // surrogate
    expect(decodeText(Uint8Array.from([0xe2, 0x82])).ok).toBe(false); // cut short
  });

  it('refuses UTF-16 with an odd number of bytes', () => {
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41])).ok).toBe(false);
  });

  it('takes strings as decoded, minus a BOM', () => {
    expect(decodeText('\uFEFFx')).toEqual({ ok: true, text: 'x', encoding: 'utf-8' });
  });

  it('decodes large files in chunks', () => {
    const big = 'x'.repeat(50_000) + 'é';
    expect(decodeText(utf8(big))).toMatchObject({ ok: true, text: big });
    expect(decodeText(utf16(big, 'le'))).toMatchObject({ ok: true, text: big });
  });
});

describe('readTable', () => {
  const columns = [
    { key: 'id', names: ['ID', 'Record ID'], required: true, label: 'the id' },
    { key: 'name', names: ['Name'], required: true },
    { key: 'note', names: ['Note'] },
  ] as const;

  it('matches headers ignoring case and spacing, and skips blank rows', () => {
    const r = readTable('  record   id ,NAME\n\n7,Ann\n', columns, { what: 'test file' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.headerName('id')).toBe('record   id');
    expect(r.table.has('note')).toBe(false);
    expect(r.table.rows.map((row) => [row.line, row.get('id'), row.get('name'), row.get('note')])).toEqual([[3, '7', 'Ann', '']]);
  });

  it('names every missing required column', () => {
    expect(readTable('Other\nx\n', columns, { what: 'test file' })).toMatchObject({
      ok: false,
      errors: [
        { line: 1, message: 'The test file has no column for the id: expected one named "ID", "Record ID".' },
        { line: 1, message: 'The test file has no "Name" column; add it to the export and try again.' },
      ],
    });
  });

  it('refuses a column it reads named twice, ignoring case, and ignores other repeated names', () => {
    expect(readTable('id,Name,ID\n1,a,2\n', columns, { what: 'test file' })).toMatchObject({
      ok: false,
      errors: [
        { line: 1, message: 'The test file has two columns named "id" (columns 1 and 3, names compared ignoring case); rename or remove one and try again.' },
      ],
    });
    expect(readTable('Name,name\nx,y\n', columns, { what: 'test file' }).ok).toBe(false);
    const r = readTable('ID,Name,Extra,extra\n1,a,x,y\n', columns, { what: 'test file' });
    expect(r.ok && r.table.rows.map((row) => row.get('id'))).toEqual(['1']);
  });

  it('reports rows of the wrong width and an empty file', () => {
    const r = readTable('ID,Name\n1,a,b\n2\n3,c\n', columns, { what: 'test file' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(readTable('\n\n', columns, { what: 'test file' })).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: 'The test file is empty: expected a header row and at least one data row.' }],
    });
  });

  it('a header alone is an empty period, not an error', () => {
    const r = readTable('ID,Name\r\n', columns, { what: 'test file' });
    expect(r.ok && r.table.rows).toEqual([]);
  });
});

describe('ErrorList', () => {
  it('lists the first 100 problems in line order and counts the rest', () => {
    const list = new ErrorList();
    for (let line = 150; line >= 2; line--) list.add(line, `bad ${line}`);
    const out = list.toArray();
    expect(out).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(out[0]).toMatchObject({ line: 51, message: 'bad 51' });
    expect(out[MAX_LISTED_ERRORS]).toMatchObject({
      line: 50,
      message: '49 more problems from this line on are not listed; fix the ones above and import again.',
    });
  });
});
