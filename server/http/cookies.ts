import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { ServerOptions } from './context';

export const SESSION_COOKIE = 'stint_session';

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure behind TLS. */
export function setSessionCookie(reply: FastifyReply, token: string, options: ServerOptions): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secureCookies,
    path: '/',
    maxAge: Math.floor(options.sessionTtlMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, options: ServerOptions): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/' });
}
