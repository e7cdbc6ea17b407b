/**
 * A small RFC 4180 reader that keeps line numbers, written here rather than taken from a library so
 * every row knows the physical line it starts on (a quoted field may span lines) and shared/ needs no
 * dependency.
 *
 * - Fields are separated by the delimiter; records end at CRLF, LF or a lone CR.
 * - A field that starts with `"` is quoted: it may contain delimiters and line breaks, and `""` stands
 *   for one quote. After the closing quote only a delimiter or the end of the record may follow.
 * - A quote inside an unquoted field is kept as a literal character (`5'10"`), as spreadsheets do.
 * - A final line break does not make an extra empty record; a blank line in the middle is a record
 *   with one empty field, which importers skip.
 * - A leading BOM (U+FEFF) is dropped.
 */
import type { ImportError } from './result';

export interface CsvRow {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export type CsvDelimiter = ',' | '\t' | ';';

export type CsvResult = { ok: true; rows: CsvRow[]; delimiter: CsvDelimiter } | { ok: false; errors: ImportError[] };

/**
 * Picks the delimiter from the first record: whichever of comma, tab and semicolon occurs most often
 * outside quotes (comma on a tie or when none occurs).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[','] && counts[';'] > counts['\t']) return ';';
  return ',';
}

export function parseCsv(input: string, options: { delimiter?: CsvDelimiter | 'auto' } = {}): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter;
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    // One record.
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openLine = line;
        i += 1;
        for (;;) {
          if (i >= n) {
            return {
              ok: false,
              errors: [{ line: openLine, message: `A quoted field opened on line ${openLine} is never closed: a closing " is missing.` }],
            };
          }
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (ch === '\r') {
            line += 1;
            if (text[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
              continue;
            }
          } else if (ch === '\n') {
            line += 1;
          }
          field += ch;
          i += 1;
        }
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          return {
            ok: false,
            errors: [
              {
                line,
                message: `Unexpected ${JSON.stringify(next)} after a closing quote; a quote inside a quoted field must be doubled ("").`,
              },
            ],
          };
        }
      } else {
        const start = i;
        while (i < n) {
          const ch = text[i]!;
          if (ch === delimiter || ch === '\n' || ch === '\r') break;
          i += 1;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i += 1;
        continue;
      }
      // End of record: consume the line break.
      if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
      else if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    rows.push({ line: rowLine, fields });
  }
  return { ok: true, rows, delimiter };
}

/** True for a record with no content (a blank line, or only empty fields). */
export function isBlankRow(row: CsvRow): boolean {
  return row.fields.every((f) => f.trim() === '');
}
