/**
 * The device's HTTP client for the team server's sync routes (server/http/routes.ts). Every answer is checked
 * with the sync contract's schemas; every failure becomes a code (SyncErrorCode) and the server's own words,
 * which the CLI and the views turn into a message a person can act on.
 */
import { z } from 'zod';
import {
  ENROLL_RESULT_SCHEMA,
  POLICY_RESULT_SCHEMA,
  SYNC_PUSH_RESULT_SCHEMA,
  SYNC_STATUS_RESULT_SCHEMA,
  WEEK_RECORDS_RESULT_SCHEMA,
  type DeviceStatus,
  type Policy,
  type SyncPush,
  type SyncPushResult,
  type SyncStatusResult,
  type WeekRecord,
} from '../../../shared/sync/contract';
import type { SyncErrorCode } from '../../../shared/sync/device-sync';
import type { SubmitWeek } from '../../../shared/payroll/week';
import { WEEK_STATE_SCHEMA, type WeekState } from '../../../shared/payroll/week-state';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** The network, as the pusher sees it: one JSON request at a time. Tests put a proxy or a stopped server behind it. */
export interface SyncHttp {
  request(method: 'GET' | 'POST', url: string, options: { body?: unknown; token?: string; signal?: AbortSignal }): Promise<HttpAnswer>;
}

/** A request gives up after this long: a server that accepted the connection and went quiet. */
export const REQUEST_TIMEOUT_MS = 30_000;

export const fetchHttp: SyncHttp = {
  async request(method, url, { body, token, signal }) {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const res = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    return { status: res.status, body: parsed };
  },
};

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: { expectedSeq?: number; retryable: boolean } = { retryable: true },
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

const REFUSAL_SCHEMA = z.object({ error: z.string(), message: z.string(), expectedSeq: z.number().int().optional() }).loose();

/** Joins a server's base URL (as the rep typed it) and a route. */
export function routeUrl(server: string, path: string): string {
  return new URL(path, server.endsWith('/') ? server : `${server}/`).toString();
}

/** Checks and normalizes what the rep typed as the server: http(s), no credentials, no query. */
export function normalizeServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url.toString().replace(/\/+$/, '');
}

export class SyncClient {
  constructor(
    private readonly http: SyncHttp,
    private readonly server: string,
  ) {}

  private async call(method: 'GET' | 'POST', path: string, options: { body?: unknown; token?: string; signal?: AbortSignal }): Promise<HttpAnswer> {
    try {
      return await this.http.request(method, routeUrl(this.server, path), options);
    } catch (error) {
      const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new SyncError('unreachable', why);
    }
  }

  async enroll(code: string): Promise<z.infer<typeof ENROLL_RESULT_SCHEMA>> {
    const answer = await this.call('POST', 'api/devices/enroll', { body: { code } });
    if (answer.status === 201) return parse(ENROLL_RESULT_SCHEMA, answer);
    throw refusal(answer, 'enroll');
  }

  async push(token: string, push: SyncPush, signal?: AbortSignal): Promise<SyncPushResult> {
    const answer = await this.call('POST', 'api/sync/push', { body: push, token, ...(signal ? { signal } : {}) });
    if (answer.status === 200) return parse(SYNC_PUSH_RESULT_SCHEMA, answer);
    throw refusal(answer, 'device');
  }

  async status(token: string, status: DeviceStatus, signal?: AbortSignal): Promise<SyncStatusResult> {
    const answer = await this.call('POST', 'api/sync/status', { body: status, token, ...(signal ? { signal } : {}) });
    if (answer.status === 200) return parse(SYNC_STATUS_RESULT_SCHEMA, answer);
    throw refusal(answer, 'device');
  }

  /**
   * Submits a week. The server's refusals of the week itself (figures differ, locked, not a week start) come
   * back as data with its code and words; only the network and the device's own problems throw.
   */
  async submitWeek(token: string, body: SubmitWeek): Promise<{ ok: true; week: WeekState } | { ok: false; code: string; message: string }> {
    const answer = await this.call('POST', 'api/timesheets/submit', { body, token });
    if (answer.status === 201) return { ok: true, week: parse(z.object({ week: WEEK_STATE_SCHEMA }).strict(), answer).week };
    const parsed = REFUSAL_SCHEMA.safeParse(answer.body);
    if (parsed.success && (answer.status === 400 || answer.status === 409)) return { ok: false, code: parsed.data.error, message: parsed.data.message };
    throw refusal(answer, 'device');
  }

  /**
   * The synced time records of the rep's other devices for the workweek starting `weekStart`, as the server
   * reads them to check a submission. Null from a server older than the route: it has none to give.
   */
  async weekRecords(token: string, weekStart: string): Promise<WeekRecord[] | null> {
    const answer = await this.call('GET', `api/sync/week-records?week=${encodeURIComponent(weekStart)}`, { token });
    if (answer.status === 200) return parse(WEEK_RECORDS_RESULT_SCHEMA, answer).records;
    const parsed = REFUSAL_SCHEMA.safeParse(answer.body);
    if (answer.status === 404 && parsed.success && parsed.data.error === 'not-found') return null;
    throw refusal(answer, 'device');
  }

  /** The rep's weeks from `from` on, as the server holds them (state, lock, the manager's comment). */
  async weeks(token: string, from: string, signal?: AbortSignal): Promise<WeekState[]> {
    const answer = await this.call('GET', `api/timesheets/weeks?from=${encodeURIComponent(from)}`, { token, ...(signal ? { signal } : {}) });
    if (answer.status === 200) return parse(z.object({ weeks: z.array(WEEK_STATE_SCHEMA) }).strict(), answer).weeks;
    throw refusal(answer, 'device');
  }

  async policy(token: string, signal?: AbortSignal): Promise<{ version: number; policy: Policy }> {
    const answer = await this.call('GET', 'api/policy', { token, ...(signal ? { signal } : {}) });
    if (answer.status === 200) return parse(POLICY_RESULT_SCHEMA, answer);
    throw refusal(answer, 'device');
  }
}

function parse<T>(schema: z.ZodType<T>, answer: HttpAnswer): T {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new SyncError('not-a-stint-server', `unexpected answer: ${JSON.stringify(answer.body).slice(0, 200)}`, { retryable: true });
  return parsed.data;
}

/** A refusal in the server's words, with the code the device acts on. */
function refusal(answer: HttpAnswer, route: 'enroll' | 'device'): SyncError {
  const parsed = REFUSAL_SCHEMA.safeParse(answer.body);
  const message = parsed.success ? parsed.data.message : `HTTP ${answer.status}`;
  const error = parsed.success ? parsed.data.error : '';
  if (!parsed.success && answer.status < 500) return new SyncError('not-a-stint-server', `HTTP ${answer.status} without a Stint answer`, { retryable: true });
  if (answer.status >= 500) return new SyncError(answer.status === 502 || answer.status === 504 ? 'unreachable' : 'server-error', message);
  if (answer.status === 429) return new SyncError('rate-limited', message);
  if (route === 'enroll' && (error === 'unknown-code' || error === 'used-code' || error === 'expired-code'))
    return new SyncError(error, message, { retryable: false });
  if (answer.status === 401) return new SyncError('device-revoked', message, { retryable: false });
  if (error === 'schema-too-new') return new SyncError('server-too-old', message, { retryable: true });
  if (error === 'sequence-gap' || error === 'concurrent-push') {
    return new SyncError(error, message, { retryable: true, ...(parsed.data?.expectedSeq === undefined ? {} : { expectedSeq: parsed.data.expectedSeq }) });
  }
  if (answer.status === 404) return new SyncError('not-a-stint-server', message, { retryable: true });
  return new SyncError('refused', message, { retryable: false });
}
