/**
 * A route of the server's table: method, path, who may call it (nobody signed in, a signed-in user, an
 * enrolled device), the zod schemas of its input (which validate requests and make the OpenAPI document)
 * and its handler. The role matrix test walks this table, so a new route cannot miss its checks.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal, Services } from './context';
import { HttpError, unauthorized } from './errors';

export type Auth = 'none' | 'user' | 'device';
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Answer {
  status?: number;
  body: unknown;
}

export interface Ctx<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  services: Services;
  principal: Principal | null;
  request: FastifyRequest;
  reply: FastifyReply;
  nowMs: number;
}

interface Spec<B, Q, P> {
  id: string;
  method: Method;
  url: string;
  auth: Auth;
  summary: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Runs on the raw body before the schema: for refusals that must win over a validation error. */
  precheck?(body: unknown): void;
  handler(ctx: Ctx<B, Q, P>): Promise<Answer>;
}

export interface Route {
  id: string;
  method: Method;
  url: string;
  auth: Auth;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  run(raw: Omit<Ctx<unknown, unknown, unknown>, 'body' | 'query' | 'params'>): Promise<Answer>;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${[where, ...i.path].join('.')}: ${i.message}`);
  throw new HttpError(400, 'invalid-input', `The request's ${where} is not valid: ${issues.join('; ')}.`, { issues: issues });
}

export function route<B = undefined, Q = undefined, P = undefined>(spec: Spec<B, Q, P>): Route {
  return {
    ...spec,
    async run(raw) {
      const { request } = raw;
      const params = parse(spec.params, request.params, 'params');
      const query = parse(spec.query, request.query, 'query');
      spec.precheck?.(request.body);
      const body = parse(spec.body, spec.body ? request.body : undefined, 'body');
      return spec.handler({ ...raw, body, query, params });
    },
  };
}

/** The signed-in user, or 401. */
export function userOf(p: Principal | null): Extract<Principal, { kind: 'user' }> {
  if (p?.kind !== 'user') throw unauthorized();
  return p;
}

/** The enrolled device, or 401. */
export function deviceOf(p: Principal | null): Extract<Principal, { kind: 'device' }> {
  if (p?.kind !== 'device')
    throw new HttpError(401, 'device-unknown', 'This device is not enrolled or was revoked: enroll it again with a new code from your manager.');
  return p;
}
