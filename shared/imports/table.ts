/**
 * A CSV file read as a table: the header row names the columns, each importer declares the columns it
 * reads by the header names each system uses, and rows are read by column key.
 */
import { isBlankRow, parseCsv, type CsvDelimiter, type CsvRow } from './csv';
import { ErrorList, type ImportError } from './result';
import { decodeText } from './text';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Header names this column goes by, in order of preference; matched ignoring case and spacing. */
  names: readonly string[];
  required?: boolean;
  /** What the column holds, for messages ("the call's start time"); defaults to the key. */
  label?: string;
}

/** A header name as compared: lower case, single spaces, no surrounding space. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface Table<K extends string> {
  header: CsvRow;
  /** Data rows, blank rows removed, each with its line number (possibly none: an empty period). */
  rows: TableRow<K>[];
  delimiter: CsvDelimiter;
  /** Which column keys the file has. */
  has(key: K): boolean;
  /** The header name a key resolved to, as written in the file. */
  headerName(key: K): string | undefined;
}

export interface TableRow<K extends string> {
  line: number;
  fields: string[];
  /** The trimmed cell of column `key`, or '' when the file has no such column. */
  get(key: K): string;
}

export type TableResult<K extends string> = { ok: true; table: Table<K> } | { ok: false; errors: ImportError[] };

export interface ReadTableOptions {
  /** What the file is, for messages: "Five9 call log". */
  what: string;
  delimiter?: CsvDelimiter | 'auto';
  /** Rows to drop before the field-count check (report footers). */
  skipRow?: (row: CsvRow) => boolean;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

export function readTable<K extends string>(input: string | Uint8Array, columns: readonly ColumnSpec<K>[], options: ReadTableOptions): TableResult<K> {
  const decoded = decodeText(input);
  if (!decoded.ok) return decoded;
  const csv = parseCsv(decoded.text, { delimiter: options.delimiter ?? 'auto' });
  if (!csv.ok) return csv;

  const all = csv.rows.filter((row) => !isBlankRow(row));
  const header = all[0];
  if (!header) {
    return {
      ok: false,
      errors: [
        { line: 1, message: `The ${options.what} is empty: expected a header row and at least one data row.`, problem: { code: 'file-empty', params: {} } },
      ],
    };
  }

  const errors = new ErrorList();
  // A name the importer reads must name one column: with two, which one holds the data is a guess.
  const read = new Set(columns.flatMap((column) => column.names.map(normalizeHeader)));
  const positions = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const key = normalizeHeader(name);
    const first = positions.get(key);
    if (first === undefined) {
      if (key) positions.set(key, i);
    } else if (read.has(key)) {
      errors.add(
        header.line,
        `The ${options.what} has two columns named "${header.fields[first]!.trim()}" (columns ${first + 1} and ${i + 1}, names compared ignoring case); ` +
          'rename or remove one and try again.',
        { code: 'duplicate-column', params: { column: header.fields[first]!.trim(), first: String(first + 1), second: String(i + 1) } },
      );
    }
  });

  const index = new Map<K, number>();
  for (const column of columns) {
    const found = column.names.map((name) => positions.get(normalizeHeader(name))).find((p) => p !== undefined);
    if (found !== undefined) index.set(column.key, found);
    else if (column.required) {
      errors.add(
        header.line,
        column.names.length === 1
          ? `The ${options.what} has no "${column.names[0]}" column; add it to the export and try again.`
          : `The ${options.what} has no column for ${column.label ?? column.key}: expected one named ${quoteList(column.names)}.`,
        { code: 'missing-column', params: { columns: column.names.map((n) => `"${n}"`).join(' / ') } },
      );
    }
  }

  const width = header.fields.length;
  const rows: TableRow<K>[] = [];
  for (const row of all.slice(1)) {
    if (options.skipRow?.(row)) continue;
    if (row.fields.length !== width) {
      errors.add(
        row.line,
        `This row has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'} but the header has ${width}; ` +
          'a value probably contains an unquoted comma, tab or quote.',
        { code: 'field-count', params: { found: String(row.fields.length), expected: String(width) } },
      );
      continue;
    }
    const fields = row.fields;
    rows.push({
      line: row.line,
      fields,
      get: (key) => {
        const at = index.get(key);
        return at === undefined ? '' : fields[at]!.trim();
      },
    });
  }
  if (errors.size > 0) return { ok: false, errors: errors.toArray() };
  return {
    ok: true,
    table: {
      header,
      rows,
      delimiter: csv.delimiter,
      has: (key) => index.has(key),
      headerName: (key) => {
        const at = index.get(key);
        return at === undefined ? undefined : header.fields[at]!.trim();
      },
    },
  };
}
