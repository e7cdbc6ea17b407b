/**
 * The web app's transport to `stint-server`: same-origin fetch with the HttpOnly session cookie, the CSRF
 * token (from /api/login or /api/me) on every unsafe request, and every answer checked with the shared zod
 * schema before a view sees it. Refusals become TeamApiError with the server's code and sentence.
 */
import { z } from 'zod';
import { API_ERROR_SCHEMA, ME_SCHEMA, type Me } from '../../shared/team/team-api';

export const API_OK = z.object({ ok: z.literal(true) });
const LOGIN_SCHEMA = z.object({ csrfToken: z.string() });

export class TeamApiError extends Error {
  override readonly name = 'TeamApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The refusal's whole answer: some carry more than a sentence (the names to map, the bad lines). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TeamClient {
  get<T>(url: string, schema: z.ZodType<T>): Promise<T>;
  send<T>(method: Exclude<Method, 'GET'>, url: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
  /** Signs in; the session cookie is set by the server, the CSRF token kept here. */
  login(email: string, password: string): Promise<Me>;
  /** The signed-in user, or null when there is no session. */
  me(): Promise<Me | null>;
  logout(): Promise<void>;
  /** Called when the server answers 401 to a signed-in page (session expired or ended elsewhere). */
  onSignedOut: (() => void) | null;
}

export function createTeamClient(fetchImpl: typeof fetch = (input, init) => window.fetch(input, init)): TeamClient {
  let csrf: string | null = null;
  const client: TeamClient = {
    onSignedOut: null,
    async get(url, schema) {
      return request('GET', url, undefined, schema);
    },
    async send(method, url, body, schema) {
      return request(method, url, body, schema);
    },
    async login(email, password) {
      const res = await request('POST', '/api/login', { email, password }, LOGIN_SCHEMA);
      csrf = res.csrfToken;
      const me = await client.me();
      if (!me) throw new TeamApiError(401, 'signed-out', 'The server did not keep the session.');
      return me;
    },
    async me() {
      try {
        const me = await request('GET', '/api/me', undefined, ME_SCHEMA, false);
        csrf = me.csrfToken;
        return me;
      } catch (e) {
        if (e instanceof TeamApiError && e.status === 401) return null;
        throw e;
      }
    },
    async logout() {
      await request('POST', '/api/logout', undefined, API_OK, false);
      csrf = null;
    },
  };

  async function request<T>(method: Method, url: string, body: unknown, schema: z.ZodType<T>, notifySignedOut = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let res: Response;
    try {
      res = await fetchImpl(url, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new TeamApiError(0, 'unreachable', 'Cannot reach the Stint server. Check your connection, then try again.');
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const refusal = API_ERROR_SCHEMA.safeParse(json);
      if (res.status === 401 && notifySignedOut && url !== '/api/login') client.onSignedOut?.();
      throw new TeamApiError(
        res.status,
        refusal.success ? refusal.data.error : 'http',
        refusal.success ? refusal.data.message : `The server answered ${res.status}.`,
        json,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TeamApiError(res.status, 'bad-answer', `The server’s answer to ${url} was not understood; reload the page.`);
    return parsed.data;
  }
  return client;
}
