import type { z } from 'zod';
import { isRequestName, requestSchemas, type ApiEvent, type ApiHandlers, type ParsedInput, type RequestName } from '../../../shared/api/contract';
import { UserError } from '../../../shared/user-error';

export type ChangedWhat = Extract<ApiEvent, { type: 'changed' }>['what'];

/** Requests that change data, and what the views should reload after them. */
export const CHANGES: Partial<Record<RequestName, ChangedWhat>> = {
  'session.act': 'sessions',
  'time.add': 'time',
  'time.edit': 'time',
  'time.remove': 'time',
  'rules.add': 'rules',
  'rules.remove': 'rules',
  'rules.rate': 'rules',
  'idle.resolve': 'idle',
  'calls.act': 'calls',
  'calls.review': 'calls',
};

/** How a request ended, with the HTTP status that says so; IPC carries only the body. */
export type Dispatched =
  | { status: 200; body: { ok: true; data: unknown }; changed: ChangedWhat | null }
  | { status: 400 | 404 | 422 | 500; body: { ok: false; error: string }; changed: null; cause?: unknown };

/**
 * Validates one request against the contract and runs its handler: the one way into the application layer,
 * whatever carries the request (HTTP, the recorder host's MessagePort; docs/architecture.md). Input that
 * does not fit the schema is refused before any handler runs, with every wrong field named; a UserError is
 * the person's mistake; anything else is a bug (the caller logs `cause`).
 */
export async function dispatch(handlers: ApiHandlers, name: string, input: unknown): Promise<Dispatched> {
  if (!isRequestName(name)) return { status: 404, body: { ok: false, error: `No such request: ${name}.` }, changed: null };
  const parsed = requestSchemas[name].safeParse(input);
  if (!parsed.success) return { status: 400, body: { ok: false, error: `Invalid input for ${name}: ${describeIssues(parsed.error)}` }, changed: null };
  try {
    const data = await run(handlers, name, parsed.data as ParsedInput<typeof name>);
    return { status: 200, body: { ok: true, data }, changed: CHANGES[name] ?? null };
  } catch (error) {
    if (error instanceof UserError) return { status: 422, body: { ok: false, error: error.message }, changed: null };
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { ok: false, error: `Internal error: ${message}` }, changed: null, cause: error };
  }
}

function run<N extends RequestName>(handlers: ApiHandlers, name: N, input: ParsedInput<N>): unknown {
  // The generic index is one handler whose input type matches its name; TypeScript cannot see that through the union.
  const handler = handlers[name] as (input: ParsedInput<N>) => unknown;
  return handler(input);
}

/** "startMs: Too small: expected number to be >=0; reason: give a reason" — each problem with its field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      return field === '' ? issue.message : `${field}: ${issue.message}`;
    })
    .join('; ');
}
