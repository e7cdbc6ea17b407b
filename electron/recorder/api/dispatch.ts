import type { z } from 'zod';
import {
  isRequestName,
  requestSchemas,
  type ApiErrorCode,
  type ApiEvent,
  type ApiHandlers,
  type ParsedInput,
  type RequestName,
} from '../../../shared/api/contract';
import { CodedConflict, CodedRefusal, CONFLICT_CODES } from '../../../shared/api/refusal';
import { CallRefusedError } from '../../../shared/calls/call-refusal';
import { ConflictError, UserError } from '../../../shared/user-error';

export type ChangedWhat = Extract<ApiEvent, { type: 'changed' }>['what'];

/** Requests that change data, and what the views should reload after them. */
export const CHANGES: Partial<Record<RequestName, ChangedWhat>> = {
  'session.act': 'sessions',
  'time.add': 'time',
  'time.edit': 'time',
  'time.remove': 'time',
  'rules.add': 'rules',
  'rules.remove': 'rules',
  'rules.enable': 'rules',
  'rules.rate': 'rules',
  'idle.resolve': 'idle',
  'settings.set': 'settings',
  'calls.act': 'calls',
  'calls.review': 'calls',
  'import.timewarrior': 'time',
  'import.calls': 'calls',
  'import.crm': 'crm',
  'sync.enroll': 'sync',
  'sync.leave': 'sync',
  'sync.now': 'sync',
  'timesheet.submit': 'sync',
};

/** How a request ended, with the HTTP status that says so; IPC carries only the body. */
export type Dispatched =
  | { status: 200; body: { ok: true; data: unknown }; changed: ChangedWhat | null }
  | { status: 400 | 404 | 409 | 422; body: { ok: false; error: string; code?: ApiErrorCode; params?: Record<string, string> }; changed: null }
  | { status: 503; body: { ok: false; error: string; code: 'request-cancelled' }; changed: null }
  | { status: 500; body: { ok: false; error: string }; changed: null; failure: InternalFailure };

/** Answers one request, whatever runs it: `dispatch` over handlers here, or a read worker (offthread-dispatch.ts). */
export type Dispatcher = (name: string, input: unknown) => Promise<Dispatched>;

/** A bug met while answering: the client sees only the id, the log gets the id and the cause. */
export interface InternalFailure {
  id: string;
  cause: unknown;
}

/** A new failure id and the only thing a client is told about it. */
export function internalError(cause: unknown): { failure: InternalFailure; error: string } {
  // The global Web Crypto: it loads at first use, where node:crypto imported here would load with every command.
  const id = Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString('hex');
  return { failure: { id, cause }, error: `Internal error (id ${id}).` };
}

/** The log line for a failure: what was being done, the id the client got, and the whole cause. */
export function failureLogLine(what: string, failure: InternalFailure): string {
  const cause = failure.cause instanceof Error ? (failure.cause.stack ?? failure.cause.message) : String(failure.cause);
  return `stint: ${what} failed (id ${failure.id}): ${cause}`;
}

/**
 * Validates one request against the contract and runs its handler: the one way into the application layer,
 * whatever carries the request (HTTP, the recorder host's MessagePort, the CLI; docs/architecture.md).
 * Input that does not fit the schema is refused before any handler runs, with every wrong field named; a
 * UserError is the person's mistake, a ConflictError a change that lost to one made first; anything else
 * is a bug: the answer names only a failure id, which the caller logs with the cause (failureLogLine).
 */
export async function dispatch(handlers: ApiHandlers, name: string, input: unknown): Promise<Dispatched> {
  if (!isRequestName(name)) return { status: 404, body: { ok: false, error: `No such request: ${name}.` }, changed: null };
  const parsed = requestSchemas[name].safeParse(input);
  if (!parsed.success) return { status: 400, body: { ok: false, error: `Invalid input for ${name}: ${describeIssues(parsed.error)}` }, changed: null };
  try {
    const data = await run(handlers, name, parsed.data as ParsedInput<typeof name>);
    return { status: 200, body: { ok: true, data }, changed: CHANGES[name] ?? null };
  } catch (error) {
    if (error instanceof CodedConflict)
      return { status: 409, body: { ok: false, error: error.message, code: error.code, params: error.params }, changed: null };
    if (error instanceof ConflictError) return { status: 409, body: { ok: false, error: error.message }, changed: null };
    if (error instanceof CodedRefusal) {
      // A locked week and figures that differ conflict with the server's state; the rest are the person's to fix.
      const status = CONFLICT_CODES.has(error.code) ? 409 : 422;
      return { status, body: { ok: false, error: error.message, code: error.code, params: error.params }, changed: null };
    }
    if (error instanceof CallRefusedError) return { status: 422, body: { ok: false, error: error.message, code: error.refusal.code }, changed: null };
    if (error instanceof UserError) return { status: 422, body: { ok: false, error: error.message }, changed: null };
    const { failure, error: message } = internalError(error);
    return { status: 500, body: { ok: false, error: message }, changed: null, failure };
  }
}

function run<N extends RequestName>(handlers: ApiHandlers, name: N, input: ParsedInput<N>): unknown {
  // The generic index is one handler whose input type matches its name; TypeScript cannot see that through the union.
  const handler = handlers[name] as (input: ParsedInput<N>) => unknown;
  return handler(input);
}

/**
 * "startMs: Too small: expected number to be >=0; reason: give a reason" — each problem with its field.
 * A key the request does not take is named as the field; a problem with the whole input is on `input`.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const field = issue.path.map(String).join('.');
      const at = (name: string) => (field === '' ? name : `${field}.${name}`);
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${at(key)}: not a field of this request`);
      return [`${field === '' ? 'input' : field}: ${issue.message}`];
    })
    .join('; ');
}
