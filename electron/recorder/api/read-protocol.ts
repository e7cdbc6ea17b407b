import { z } from 'zod';
import { API_ERROR_CODES } from '../../../shared/api/contract';

/*
 * The messages between the recorder's thread and a read worker (read-pool.ts, read-worker.ts), each side
 * checking what it receives.
 */

/** What a worker is started with: the database, and the recorder running on the main thread, if any. */
export const readWorkerDataSchema = z.object({ dbPath: z.string().min(1), recorderPid: z.number().int().nullable() }).strict();
export type ReadWorkerData = z.infer<typeof readWorkerDataSchema>;

/** One request, with the main thread's clock reading so a report sees the same now and zone as the rest. */
export const toReadWorkerSchema = z
  .object({ id: z.number().int(), name: z.string(), input: z.unknown(), nowMs: z.number(), timeZone: z.string().min(1) })
  .strict();
export type ToReadWorker = z.infer<typeof toReadWorkerSchema>;

/** dispatch's answer as it crosses the thread: reads change nothing, and a bug's cause travels as its stack. */
const resultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal(200), body: z.object({ ok: z.literal(true), data: z.unknown() }).strict(), changed: z.null() }).strict(),
  z
    .object({
      status: z.union([z.literal(400), z.literal(404), z.literal(409), z.literal(422)]),
      body: z
        .object({ ok: z.literal(false), error: z.string(), code: z.enum(API_ERROR_CODES).optional(), params: z.record(z.string(), z.string()).optional() })
        .strict(),
      changed: z.null(),
    })
    .strict(),
  z
    .object({
      status: z.literal(503),
      body: z.object({ ok: z.literal(false), error: z.string(), code: z.literal('request-cancelled') }).strict(),
      changed: z.null(),
    })
    .strict(),
  z
    .object({
      status: z.literal(500),
      body: z.object({ ok: z.literal(false), error: z.string() }).strict(),
      changed: z.null(),
      failure: z.object({ id: z.string(), cause: z.string() }).strict(),
    })
    .strict(),
]);
export const fromReadWorkerSchema = z.object({ id: z.number().int(), result: resultSchema }).strict();
export type FromReadWorker = z.infer<typeof fromReadWorkerSchema>;
