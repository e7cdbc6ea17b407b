/**
 * CSV reading for the importers: papaparse does the parsing; this module picks the delimiter, keeps the
 * physical line each record starts on (a quoted field may span lines) and is strict where papaparse is
 * lenient, so a malformed file is refused rather than guessed at.
 *
 * - Fields are separated by the delimiter; records end at CRLF, LF or a lone CR (mixed in one file too).
 * - A field that starts with `"` is quoted: it may contain delimiters and line breaks, and `""` stands
 *   for one quote. After the closing quote only a delimiter or the end of the record may follow.
 * - A quote inside an unquoted field is kept as a literal character (`5'10"`), as spreadsheets do.
 * - A final line break does not make an extra empty record; a blank line in the middle is a record
 *   with one empty field, which importers skip.
 * - A leading BOM (U+FEFF) is dropped.
 *
 * How papaparse is used: it accepts a single line-break sequence per file, so it parses a copy in which
 * every CRLF and lone CR is an LF (one break is one line either way), and the original breaks are put
 * back into quoted values. Its step callback (run synchronously for a string) reports, for each record,
 * the offset just past the record (`meta.cursor`), so a record starts where the previous one ended and
 * its line is 1 + the LFs before that offset. Its quote errors (`MissingQuotes`, `InvalidQuotes`, with
 * `index` just past the opening quote) become the messages below, and since papaparse silently accepts
 * spaces between a closing quote and the delimiter or line break, each record is checked against the
 * text it was read from.
 */
// papaparse.min.js is the package's browser build (its `browser` entry): the same parser without the
// Node stream support that needs require('stream'). It has no types of its own, and @types/papaparse
// would bring all of Node's types (and File/Blob) into shared/, which must stay pure; papaparse-min.d.ts
// types the part used instead.
import Papa from 'papaparse/papaparse.min.js';
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

function unexpectedAfterQuote(line: number, ch: string): ImportError {
  return {
    line,
    message: `Unexpected ${JSON.stringify(ch)} after a closing quote; a quote inside a quoted field must be doubled ("").`,
    problem: { code: 'after-quote', params: { character: ch } },
  };
}

function quoteCount(value: string): number {
  let n = 0;
  for (let i = value.indexOf('"'); i !== -1; i = value.indexOf('"', i + 1)) n += 1;
  return n;
}

export function parseCsv(input: string, options: { delimiter?: CsvDelimiter | 'auto' } = {}): CsvResult {
  const bom = input.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const text = input.slice(bom.length);
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter;
  // The file's line breaks in order, when some are not LF; `lf` is the text with each of them as one LF.
  const breaks = text.includes('\r') ? (text.match(/\r\n|\r|\n/g) ?? []) : undefined;
  const lf = breaks ? text.replace(/\r\n?/g, '\n') : text;

  const rows: CsvRow[] = [];
  let problem: ImportError | undefined;
  let start = 0; // where the next record starts in `lf`
  let counted = 0; // `lf` before this offset has `line - 1` LFs
  let line = 1;
  const lineAt = (offset: number): number => {
    for (; counted < offset; counted++) if (lf.charCodeAt(counted) === 10) line += 1;
    return line;
  };

  /**
   * Follows the record's fields through the text up to `limit`, returning the offset of a character
   * papaparse skipped after a closing quote (it allows spaces before a delimiter or line break).
   */
  const skippedAfterQuote = (from: number, fields: string[], limit: number): number | undefined => {
    let at = from;
    for (let f = 0; f < fields.length && at < limit; f++) {
      const value = fields[f]!;
      at += lf[at] === '"' ? value.length + quoteCount(value) + 2 : value.length;
      const end = f === fields.length - 1 ? at === lf.length || lf[at] === '\n' : lf[at] === delimiter;
      if (!end) return at;
      at += 1;
    }
    return undefined;
  };

  // papaparse drops one leading BOM itself, so its offsets are offsets in `lf`.
  Papa.parse(bom + lf, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step: (result, parser) => {
      const from = start;
      start = result.meta.cursor;
      if (from === lf.length) return; // papaparse's empty record after a final line break
      const fields = result.data;
      const error = result.errors[0];
      const open = error?.index !== undefined ? error.index - 1 : lf.length; // the bad field's opening quote
      const skipped = skippedAfterQuote(from, fields, open);
      if (skipped !== undefined) {
        problem = unexpectedAfterQuote(lineAt(skipped), lf[skipped]!);
      } else if (error?.code === 'InvalidQuotes') {
        // The first quote not doubled closes the field; the character after it is the problem.
        let close = lf.indexOf('"', open + 1);
        while (lf[close + 1] === '"') close = lf.indexOf('"', close + 2);
        problem = unexpectedAfterQuote(lineAt(close + 1), lf[close + 1]!);
      } else if (error) {
        // MissingQuotes, the only other error papaparse reports without a header row or delimiter guessing.
        const at = lineAt(open);
        problem = {
          line: at,
          message: `A quoted field opened on line ${at} is never closed: a closing " is missing.`,
          problem: { code: 'unclosed-quote', params: { line: String(at) } },
        };
      }
      if (problem) {
        parser.abort();
        return;
      }
      const rowLine = lineAt(from);
      if (breaks) {
        let next = rowLine - 1; // the index in `breaks` of the first break after the record's start
        for (let f = 0; f < fields.length; f++) {
          if (fields[f]!.includes('\n')) fields[f] = fields[f]!.replace(/\n/g, () => breaks[next++]!);
        }
      }
      rows.push({ line: rowLine, fields });
    },
  });
  return problem ? { ok: false, errors: [problem] } : { ok: true, rows, delimiter };
}

/** True for a record with no content (a blank line, or only empty fields). */
export function isBlankRow(row: CsvRow): boolean {
  return row.fields.every((f) => f.trim() === '');
}
