/*
 * The two IPC channels between the preload and the main process. Plain constants with no imports, so the
 * sandboxed preload bundle and the main process agree on them without sharing anything else.
 */

/** Renderer → main, invoke/handle: (name: string, input: unknown) → { ok: true, data } | { ok: false, error }. */
export const REQUEST_CHANNEL = 'stint:request';

/** Main → renderer, send/on: one ApiEvent per message. */
export const EVENT_CHANNEL = 'stint:event';
