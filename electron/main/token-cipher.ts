/**
 * The desktop app's cipher for the sync token (electron/recorder/sync/token-vault.ts). Electron's safeStorage
 * lives in the main process only, and the recorder runs in a utility process, so safeStorage guards a random
 * 32-byte key (`stint.sync.key` beside the database, 0600) and the key goes to the recorder host in its init
 * message; the host seals the token with it (AES-256-GCM). On Linux, safeStorage's `basic_text` backend
 * (no keyring found) encrypts with a fixed password, which protects nothing: then no key, the token stays in
 * the plain 0600 file and the app says so in its log.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Electron's safeStorage, as far as this file uses it (injected: tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only (after the app is ready): which secret store backs it. */
  getSelectedStorageBackend?(): string;
}

export type DesktopTokenKey = { key: Buffer; note: null } | { key: null; note: string };

/**
 * The key the recorder host seals the token with, created on first use; or why there is none (the token then
 * stays in the plain 0600 file). `platform` is process.platform.
 */
export function desktopTokenKey(keyPath: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform): DesktopTokenKey {
  if (!safeStorage.isEncryptionAvailable()) {
    return { key: null, note: 'the system keyring is not available: the sync token is kept in a file only your account can read (0600).' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      key: null,
      note: 'no system keyring was found (Electron safeStorage would use its basic_text backend, which does not protect anything): the sync token is kept in a file only your account can read (0600).',
    };
  }
  if (existsSync(keyPath)) {
    try {
      const key = Buffer.from(safeStorage.decryptString(readFileSync(keyPath)), 'base64');
      if (key.length === 32) return { key, note: null };
      return { key: null, note: `${keyPath} does not hold a key: run \`stint sync leave\` and enroll again.` };
    } catch (error) {
      return {
        key: null,
        note: `the system keyring cannot open ${keyPath} (${(error as Error).message}); a token it sealed cannot be used: run \`stint sync leave\` and enroll again.`,
      };
    }
  }
  const key = randomBytes(32);
  mkdirSync(dirname(keyPath), { recursive: true });
  const tmp = `${keyPath}.${process.pid}.tmp`;
  writeFileSync(tmp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, keyPath);
  return { key, note: null };
}
