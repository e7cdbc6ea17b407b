/** Small pieces every importer uses. */
import { callProblem, isInstantInBounds } from '../bounds';
import type { CallDirection } from '../calls/types';
import type { CallImportResult, ImportedCall } from './call-types';
import { ErrorList } from './result';
import { readTable, type ColumnSpec, type TableRow } from './table';
import type { Parsed } from './values';

/** The parsed value, or undefined after recording its error against `line`. */
export function take<T>(parsed: Parsed<T>, errors: ErrorList, line: number): T | undefined {
  if (parsed.ok) return parsed.value;
  errors.add(line, parsed.error, parsed.problem);
  return undefined;
}

/** '' → undefined, anything else as is. */
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

const IN = new Set(['in', 'inbound', 'incoming']);
const OUT = new Set(['out', 'outbound', 'outgoing']);

export function parseDirection(value: string, what = 'Direction'): Parsed<CallDirection> {
  const v = value.trim().toLowerCase();
  if (IN.has(v)) return { ok: true, value: 'in' };
  if (OUT.has(v)) return { ok: true, value: 'out' };
  return {
    ok: false,
    error: `${what} "${value}" is not a call direction: expected inbound or outbound.`,
    problem: { code: 'not-direction', params: { what, value } },
  };
}

/** Reports an id seen on an earlier line: each row of these exports is one call. */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  constructor(private readonly what: string) {}

  check(id: string, line: number, errors: ErrorList): boolean {
    const first = this.seen.get(id);
    if (first !== undefined) {
      errors.add(line, `${this.what} "${id}" already appears on line ${first}; each row must be a different record.`, {
        code: 'duplicate-id',
        params: { what: this.what, id, first: String(first) },
      });
      return false;
    }
    this.seen.set(id, line);
    return true;
  }
}

/** An id cell that must not be empty. */
export function requireId(value: string, what: string): Parsed<string> {
  return value === '' ? { ok: false, error: `${what} is empty; every row needs one.`, problem: { code: 'empty-id', params: { what } } } : { ok: true, value };
}

/** An imported call with its optional agent and contact set only when the export gives them. */
export function withParties(call: ImportedCall, agent: string | undefined, contact: string | undefined): ImportedCall {
  if (agent) call.agent = agent;
  if (contact) call.contact = contact;
  return call;
}

/** Records, against `line`, why a call that parsed cleanly (no errors since `before`) is out of bounds; true if it is. */
export function refuseOutOfBounds(call: ImportedCall, line: number, errors: ErrorList, before = errors.size): boolean {
  if (errors.size > before) return false;
  const problem = callProblem(call);
  if (problem !== null) errors.add(line, problem, { code: isInstantInBounds(call.startMs) ? 'call-too-long' : 'call-start-out-of-range', params: {} });
  return problem !== null;
}

/** Reads the table, then parses it with `callsFromTable`. */
export function callsFromRows<K extends string>(
  input: string | Uint8Array,
  columns: readonly ColumnSpec<K>[],
  what: string,
  idWhat: string,
  parseRow: (row: TableRow<K>, errors: ErrorList) => ImportedCall,
): CallImportResult {
  const read = readTable(input, columns, { what });
  return read.ok ? callsFromTable(read.table.rows, idWhat, parseRow) : read;
}

/**
 * The loop every one-row-per-call importer shares: let `parseRow` parse each row (recording its problems
 * in `errors` against the row's line), and keep a call only when its row added no problem and its id was
 * not seen before. All or nothing: any problem and no call is returned.
 */
export function callsFromTable<K extends string>(
  rows: readonly TableRow<K>[],
  idWhat: string,
  parseRow: (row: TableRow<K>, errors: ErrorList) => ImportedCall,
): CallImportResult {
  const errors = new ErrorList();
  const ids = new UniqueIds(idWhat);
  const calls: ImportedCall[] = [];
  for (const row of rows) {
    const before = errors.size;
    const call = parseRow(row, errors);
    refuseOutOfBounds(call, row.line, errors, before);
    // A row whose id could not be read has none to check.
    if (call.externalId) ids.check(call.externalId, row.line, errors);
    if (errors.size === before) calls.push(call);
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, calls };
}
