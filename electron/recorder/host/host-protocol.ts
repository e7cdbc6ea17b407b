import { z } from 'zod';
import { API_ERROR_CODES, CHANGED_WHATS, type ApiEvent } from '../../../shared/api/contract';
import { PAUSE_REASONS } from '../../../shared/recording/session-machine';

/*
 * The messages between the desktop app's main process and the recorder host (the utility process that owns
 * the recorder, the database and the reports; docs/architecture.md). Both sides parse what they receive
 * with these schemas: a message that does not fit is logged and dropped.
 */

/** How the host's channel is set up: the first message, which in Electron carries the MessagePort too. */
/** `tokenKey`: the desktop app's key for the sync token, base64 (electron/main/token-cipher.ts); absent: the plain 0600 file. */
export const hostInitSchema = z.object({ type: z.literal('init'), dbPath: z.string().min(1), tokenKey: z.base64().length(44).optional() }).strict();
export type HostInit = z.infer<typeof hostInitSchema>;

const POWER_EVENTS = ['suspend', 'resume', 'lock', 'unlock', 'shutdown'] as const;

/** Main → host. */
export const toHostSchema = z.discriminatedUnion('type', [
  /** One API request, answered by a `response` with the same id. */
  z.object({ type: z.literal('request'), id: z.number().int(), name: z.string(), input: z.unknown() }).strict(),
  /** The answer to an `idle-query`: milliseconds since the last input (Electron's powerMonitor). */
  z.object({ type: z.literal('idle'), id: z.number().int(), idleMs: z.number().min(0) }).strict(),
  z.object({ type: z.literal('power'), event: z.enum(POWER_EVENTS) }).strict(),
  /** Stop the recorder (closing and saving every open record) and the store; answered by `stopped`. */
  z.object({ type: z.literal('stop'), reason: z.string() }).strict(),
]);
export type ToHost = z.infer<typeof toHostSchema>;

const atMs = z.number();
const recorderEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), atMs, runId: z.string(), recovered: z.object({ runs: z.number(), sessions: z.number() }) }),
  z.object({ type: z.literal('stopped'), atMs, reason: z.string() }),
  z.object({ type: z.literal('focus'), atMs, app: z.string(), title: z.string() }),
  z.object({ type: z.literal('idle-start'), atMs, sinceMs: z.number() }),
  z.object({ type: z.literal('idle-end'), atMs, idleMs: z.number() }),
  z.object({ type: z.literal('session-open'), atMs, kind: z.enum(['work', 'break']), reason: z.string() }),
  z.object({ type: z.literal('session-close'), atMs, kind: z.enum(['work', 'break']), reason: z.string() }),
  z.object({ type: z.literal('gap'), fromMs: z.number(), toMs: z.number(), reason: z.string() }),
  z.object({ type: z.literal('paused'), atMs, reason: z.enum(PAUSE_REASONS), detail: z.string().optional() }),
  z.object({ type: z.literal('call-detected'), atMs, label: z.string() }),
  z.object({ type: z.literal('call-detected-end'), atMs, label: z.string(), seconds: z.number() }),
  z.object({ type: z.literal('error'), atMs, message: z.string() }),
]);

/** The ApiEvents that start in the host: recorder events and what a request changed. */
const hostEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('recorder'), event: recorderEventSchema }),
  z.object({ type: z.literal('changed'), what: z.enum(CHANGED_WHATS) }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
// The schema may only describe ApiEvents (a compile error here means the contract's events changed).
export const asApiEvent = (event: HostEvent): ApiEvent => event;

const apiResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: z.string(), code: z.enum(API_ERROR_CODES).optional(), params: z.record(z.string(), z.string()).optional() }).strict(),
]);

/** Host → main. */
export const fromHostSchema = z.discriminatedUnion('type', [
  /** The store is open and requests are served; `notRecording` says why this process does not record, if so. */
  z.object({ type: z.literal('ready'), notRecording: z.string().nullable() }).strict(),
  /** The host could not start (a file that is not a Stint database, …): the message is for a person. */
  z.object({ type: z.literal('failed'), error: z.string() }).strict(),
  z.object({ type: z.literal('response'), id: z.number().int(), result: apiResultSchema }).strict(),
  z.object({ type: z.literal('event'), event: hostEventSchema }).strict(),
  z.object({ type: z.literal('idle-query'), id: z.number().int() }).strict(),
  /** A system shutdown has stopped and saved the recorder: the app quits. */
  z.object({ type: z.literal('shutdown') }).strict(),
  /** Answer to `stop`: everything is saved and closed. */
  z.object({ type: z.literal('stopped') }).strict(),
]);
export type FromHost = z.infer<typeof fromHostSchema>;
