/**
 * Where an enrolled device keeps its server, its device id and its token: a file beside the database (in the
 * data folder by default), readable and writable by the rep's account only (0600), written whole or not at
 * all (a temporary file renamed over it). The token never goes into the database, which other tools read.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { enrollmentPathFor } from './enrollment-paths';

export const ENROLLMENT_SCHEMA = z
  .object({
    server: z.string().min(1).max(2048),
    deviceId: z.string().min(1).max(64),
    token: z.string().min(1).max(512),
    userEmail: z.string().max(254),
    enrolledMs: z.number().int(),
  })
  .strict();
export type Enrollment = z.infer<typeof ENROLLMENT_SCHEMA>;

export { enrollmentPathFor };

export type EnrollmentRead = { state: 'none' } | { state: 'enrolled'; enrollment: Enrollment } | { state: 'unreadable'; why: string };

/** A JSON file that `schema` accepts, or why not in words (`notIt`: what its content is not). */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>, notIt: string): { state: 'read'; value: T } | { state: 'unreadable'; why: string } {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    return { state: 'unreadable', why: (error as Error).message };
  }
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? { state: 'read', value: parsed.data } : { state: 'unreadable', why: `its content is not ${notIt}` };
  } catch {
    return { state: 'unreadable', why: 'it is not JSON' };
  }
}

/** Written whole or not at all (a temporary file renamed over it), 0600 whatever an earlier file's bits were. */
export function writePrivate(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  // A umask cannot widen 0600, but a file left by an earlier write might have other bits: set them exactly.
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

export function readEnrollment(path: string): EnrollmentRead {
  if (!existsSync(path)) return { state: 'none' };
  const read = readJsonFile(path, ENROLLMENT_SCHEMA, 'an enrollment');
  return read.state === 'read' ? { state: 'enrolled', enrollment: read.value } : read;
}

export function writeEnrollment(path: string, enrollment: Enrollment): void {
  writePrivate(path, `${JSON.stringify(ENROLLMENT_SCHEMA.parse(enrollment), null, 2)}\n`);
}

export function removeEnrollment(path: string): boolean {
  if (!existsSync(path)) return false;
  rmSync(path, { force: true });
  return true;
}
