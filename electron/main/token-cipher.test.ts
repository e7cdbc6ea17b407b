import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopTokenKey, type SafeStorageLike } from './token-cipher';

/** safeStorage as Electron's: a reversible encryption here, with the backend Linux reports. */
const fakeSafeStorage = (backend: string, available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
  decryptString: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('sealed:'.length), 'hex').toString();
  },
  getSelectedStorageBackend: () => backend,
});

describe('the desktop token key', () => {
  let dir: string;
  let keyPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stint-token-key-'));
    keyPath = join(dir, 'data', 'stint.sync.key');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once, kept sealed by safeStorage in a 0600 file, and the same at the next start', () => {
    const first = desktopTokenKey(keyPath, fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(first.note).toBeNull();
    expect(first.key).toHaveLength(32);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyPath).toString()).toMatch(/^sealed:/);
    expect(desktopTokenKey(keyPath, fakeSafeStorage('gnome_libsecret'), 'linux').key).toEqual(first.key);
  });

  it("on Linux's basic_text backend there is no key: the token stays in the 0600 file, and the note says so", () => {
    const result = desktopTokenKey(keyPath, fakeSafeStorage('basic_text'), 'linux');
    expect(result.key).toBeNull();
    expect(result.note).toMatch(/basic_text.*0600/);
    // basic_text is a Linux backend name only; elsewhere safeStorage is the system's.
    expect(desktopTokenKey(keyPath, fakeSafeStorage('basic_text'), 'darwin').key).toHaveLength(32);
  });

  it('without safeStorage, or a keyring that cannot open the key, says so and gives no key', () => {
    expect(desktopTokenKey(keyPath, fakeSafeStorage('unknown', false), 'win32')).toMatchObject({ key: null, note: expect.stringMatching(/0600/) });
    desktopTokenKey(keyPath, fakeSafeStorage('kwallet5'), 'linux');
    const otherKeyring: SafeStorageLike = {
      ...fakeSafeStorage('kwallet5'),
      decryptString: () => {
        throw new Error('no such key');
      },
    };
    expect(desktopTokenKey(keyPath, otherKeyring, 'linux')).toMatchObject({ key: null, note: expect.stringMatching(/cannot open .*stint sync leave/) });
  });
});
