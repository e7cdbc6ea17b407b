/** Where a device's enrollment is kept, beside its database: with no zod and no crypto, for commands that only ask whether there is one. */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** `stint.db` → `stint.sync.json`, in the same folder. */
export function enrollmentPathFor(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.sync.json`);
}

/** `stint.db` → `stint.sync.sealed.json`, in the same folder. */
export function sealedEnrollmentPathFor(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.sync.sealed.json`);
}

/** False when no enrollment file of either kind is there: the device is certainly not enrolled. */
export function mayBeEnrolled(dbPath: string): boolean {
  return existsSync(enrollmentPathFor(dbPath)) || existsSync(sealedEnrollmentPathFor(dbPath));
}
