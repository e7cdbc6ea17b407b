/**
 * Where the device's token is kept (its server, device id and rep beside it). Two kinds, one seam:
 *
 * - the plain file (`stint.sync.json`, enrollment-file.ts): readable and writable by the rep's account only (0600),
 *   in the data folder. `stint track` and the rest of the CLI use it: a process without a desktop session has no
 *   keyring to ask.
 * - the sealed file (`stint.sync.sealed.json`, 0600 as well): the token encrypted with a cipher the desktop app
 *   hands in (electron/main/token-cipher.ts: a key kept by Electron's safeStorage). The server, device id and rep
 *   stay readable, so `stint sync status` can still say who this device syncs as; the CLI cannot open the token
 *   and says so (state `sealed`).
 *
 * A vault with a cipher reads a plain file left by the CLI, and seals it at the next write.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import {
  ENROLLMENT_SCHEMA,
  enrollmentPathFor,
  readEnrollment,
  readJsonFile,
  removeEnrollment,
  writeEnrollment,
  writePrivate,
  type Enrollment,
} from './enrollment-file';
import { sealedEnrollmentPathFor } from './enrollment-paths';

/** Seals and opens small secrets; synchronous, so the pusher reads its token as it reads the plain file. */
export interface TokenCipher {
  /** Names what sealed a file (stored beside the sealed token), for the words when another cipher must open it. */
  readonly id: string;
  seal(plain: Buffer): Buffer;
  /** Throws when the sealed bytes were not sealed by this cipher (another key, damaged). */
  open(sealed: Buffer): Buffer;
}

/** What an enrollment read gives: as enrollment-file.ts, plus a sealed token this process cannot open. */
export type VaultRead =
  | { state: 'none' }
  | { state: 'enrolled'; enrollment: Enrollment }
  | { state: 'unreadable'; why: string }
  | { state: 'sealed'; enrollment: Omit<Enrollment, 'token'>; sealedBy: string };

export interface TokenVault {
  /** 'plain': the 0600 file; 'sealed': the token encrypted by the cipher handed in. */
  readonly kind: 'plain' | 'sealed';
  read(): VaultRead;
  write(enrollment: Enrollment): void;
  /** Removes the enrollment whichever file holds it; true when one was there. */
  remove(): boolean;
}

export { sealedEnrollmentPathFor };

/** `stint.db` → `stint.sync.key`: the desktop app's key for the sealed file, itself sealed by the system keyring. */
export function tokenKeyPathFor(dbPath: string): string {
  const ext = extname(dbPath);
  return join(dirname(dbPath), `${basename(dbPath, ext)}.sync.key`);
}

const SEALED_SCHEMA = z
  .object({
    server: ENROLLMENT_SCHEMA.shape.server,
    deviceId: ENROLLMENT_SCHEMA.shape.deviceId,
    userEmail: ENROLLMENT_SCHEMA.shape.userEmail,
    enrolledMs: ENROLLMENT_SCHEMA.shape.enrolledMs,
    sealedBy: z.string().min(1).max(64),
    sealedToken: z.base64().max(4096),
  })
  .strict();

function readSealed(path: string): { state: 'unreadable'; why: string } | { state: 'read'; sealed: z.infer<typeof SEALED_SCHEMA> } {
  const read = readJsonFile(path, SEALED_SCHEMA, 'a sealed enrollment');
  return read.state === 'read' ? { state: 'read', sealed: read.value } : read;
}

/**
 * The vault of the database at dbPath: sealed with `cipher` when the desktop app hands one in, else the plain
 * file. Without a cipher a sealed file still reads, as `sealed` (who and where, not the token).
 */
export function tokenVaultFor(dbPath: string, cipher: TokenCipher | null = null): TokenVault {
  const plainPath = enrollmentPathFor(dbPath);
  const sealedPath = sealedEnrollmentPathFor(dbPath);
  const removeSealed = () => {
    if (!existsSync(sealedPath)) return false;
    rmSync(sealedPath, { force: true });
    return true;
  };
  return {
    kind: cipher ? 'sealed' : 'plain',
    read(): VaultRead {
      if (!existsSync(sealedPath)) return readEnrollment(plainPath);
      const read = readSealed(sealedPath);
      if (read.state === 'unreadable') return read;
      const { sealedBy, sealedToken, ...rest } = read.sealed;
      if (!cipher) return { state: 'sealed', enrollment: rest, sealedBy };
      let token: string;
      try {
        token = cipher.open(Buffer.from(sealedToken, 'base64')).toString('utf8');
      } catch {
        return { state: 'sealed', enrollment: rest, sealedBy };
      }
      const parsed = ENROLLMENT_SCHEMA.safeParse({ ...rest, token });
      return parsed.success ? { state: 'enrolled', enrollment: parsed.data } : { state: 'unreadable', why: 'its token is not a token' };
    },
    write(enrollment) {
      const e = ENROLLMENT_SCHEMA.parse(enrollment);
      if (!cipher) {
        writeEnrollment(plainPath, e);
        removeSealed();
        return;
      }
      const { token, ...rest } = e;
      const sealed = { ...rest, sealedBy: cipher.id, sealedToken: cipher.seal(Buffer.from(token, 'utf8')).toString('base64') };
      writePrivate(sealedPath, `${JSON.stringify(SEALED_SCHEMA.parse(sealed), null, 2)}\n`);
      // The token no longer lies in the clear beside it.
      removeEnrollment(plainPath);
    },
    remove() {
      const plain = removeEnrollment(plainPath);
      const sealed = removeSealed();
      return plain || sealed;
    },
  };
}

/** AES-256-GCM under a 32-byte key: 12-byte nonce, 16-byte tag, then the ciphertext. */
export function aesGcmCipher(key: Buffer, id = 'aes-256-gcm'): TokenCipher {
  if (key.length !== 32) throw new RangeError(`an AES-256 key is 32 bytes, got ${key.length}`);
  return {
    id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.length < 28) throw new Error('too short to be sealed');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/** The id the desktop app's cipher goes by (electron/main/token-cipher.ts). */
export const DESKTOP_CIPHER_ID = 'stint-desktop-safe-storage';
