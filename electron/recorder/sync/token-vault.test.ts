import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { FakeClock } from '../clock/fake-clock';
import { Store } from '../store/store';
import { SyncStore } from '../store/sync-store';
import { enrollmentPathFor, type Enrollment } from './enrollment-file';
import { aesGcmCipher, sealedEnrollmentPathFor, tokenVaultFor, type TokenCipher } from './token-vault';

const ENROLLMENT: Enrollment = {
  server: 'https://stint.example.com',
  deviceId: 'dev-1',
  token: 'st_secret-token-0123456789',
  userEmail: 'rep@example.com',
  enrolledMs: 1_780_000_000_000,
};

/** A cipher as a desktop app would hand in: any reversible seal; this one flips bits and tags its output. */
const testCipher = (mask: number): TokenCipher => ({
  id: `test-${mask}`,
  seal: (plain) => Buffer.concat([Buffer.from([mask]), Buffer.from(plain.map((b) => b ^ mask))]),
  open: (sealed) => {
    if (sealed[0] !== mask) throw new Error('not sealed by this cipher');
    return Buffer.from(sealed.subarray(1).map((b) => b ^ mask));
  },
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('token vault', () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stint-vault-'));
    dbPath = join(dir, 'stint.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('plain: a file only the user can read and write, in the data folder, even over a wider file', () => {
    const vault = tokenVaultFor(dbPath);
    expect(vault.kind).toBe('plain');
    expect(vault.read()).toEqual({ state: 'none' });
    writeFileSync(enrollmentPathFor(dbPath), '{}', { mode: 0o644 });
    chmodSync(enrollmentPathFor(dbPath), 0o644);
    vault.write(ENROLLMENT);
    expect(enrollmentPathFor(dbPath)).toBe(join(dir, 'stint.sync.json'));
    expect(mode(enrollmentPathFor(dbPath))).toBe(0o600);
    expect(vault.read()).toEqual({ state: 'enrolled', enrollment: ENROLLMENT });
    expect(vault.remove()).toBe(true);
    expect(vault.read()).toEqual({ state: 'none' });
    expect(vault.remove()).toBe(false);
  });

  it('sealed: the token is encrypted by the cipher handed in, the file is 0600, and who and where stay readable', () => {
    const vault = tokenVaultFor(dbPath, testCipher(0x5a));
    expect(vault.kind).toBe('sealed');
    vault.write(ENROLLMENT);
    const path = sealedEnrollmentPathFor(dbPath);
    expect(mode(path)).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(ENROLLMENT.token);
    expect(JSON.parse(text)).toMatchObject({ server: ENROLLMENT.server, deviceId: 'dev-1', userEmail: 'rep@example.com', sealedBy: 'test-90' });
    expect(existsSync(enrollmentPathFor(dbPath))).toBe(false);
    expect(vault.read()).toEqual({ state: 'enrolled', enrollment: ENROLLMENT });

    // The CLI (no cipher) and a cipher that cannot open it: enrolled as who and where, the token out of reach.
    const { token: _token, ...withoutToken } = ENROLLMENT;
    expect(tokenVaultFor(dbPath).read()).toEqual({ state: 'sealed', enrollment: withoutToken, sealedBy: 'test-90' });
    expect(tokenVaultFor(dbPath, testCipher(0x33)).read()).toEqual({ state: 'sealed', enrollment: withoutToken, sealedBy: 'test-90' });
    // Leaving from the CLI removes it.
    expect(tokenVaultFor(dbPath).remove()).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('a plain file the CLI wrote is read by the desktop app and sealed at its next write', () => {
    tokenVaultFor(dbPath).write(ENROLLMENT);
    const sealed = tokenVaultFor(dbPath, testCipher(0x11));
    expect(sealed.read()).toEqual({ state: 'enrolled', enrollment: ENROLLMENT });
    sealed.write({ ...ENROLLMENT, token: 'st_new' });
    expect(existsSync(enrollmentPathFor(dbPath))).toBe(false);
    expect(sealed.read()).toMatchObject({ state: 'enrolled', enrollment: { token: 'st_new' } });
  });

  it('AES-256-GCM: opens what it sealed, refuses another key and a changed byte', () => {
    const key = randomBytes(32);
    const cipher = aesGcmCipher(key);
    const sealed = cipher.seal(Buffer.from('st_token'));
    expect(cipher.open(sealed).toString()).toBe('st_token');
    expect(sealed.toString('latin1')).not.toContain('st_token');
    expect(() => aesGcmCipher(randomBytes(32)).open(sealed)).toThrow();
    const changed = Buffer.from(sealed);
    changed[changed.length - 1]! ^= 1;
    expect(() => cipher.open(changed)).toThrow();
    expect(() => aesGcmCipher(randomBytes(16))).toThrow(RangeError);
  });

  it('the CLI, before a token the desktop app sealed: enrolled, and says in words why it cannot sync and what to do', async () => {
    const store = Store.open(dbPath);
    try {
      new SyncStore(store.db).begin(ENROLLMENT.deviceId);
      const cipher = aesGcmCipher(randomBytes(32));
      tokenVaultFor(dbPath, cipher).write(ENROLLMENT);
      const cli = createHandlers({ store, dbPath, clock: new FakeClock(ENROLLMENT.enrolledMs), recorder: null });
      const status = await dispatch(cli, 'sync.status', {});
      expect(status.body).toMatchObject({
        ok: true,
        data: { enrolled: true, server: ENROLLMENT.server, userEmail: 'rep@example.com', lastError: { code: 'token-sealed' } },
      });
      const now = await dispatch(cli, 'sync.now', {});
      expect(now.body.ok).toBe(false);
      if (now.body.ok) return;
      expect(now.body.error).toMatch(/enrolled from the Stint desktop app.*keyring.*command line cannot open it.*Start the Stint app.*stint sync leave/);
      // Submitting a week needs the token here too: the same words.
      const submit = await dispatch(cli, 'timesheet.submit', { week: '2026-05-25' });
      expect(submit.body).toMatchObject({
        ok: false,
        error: expect.stringMatching(/enrolled from the Stint desktop app/),
        code: 'sync-problem',
        params: { problem: 'token-sealed' },
      });
      // A second enrollment is refused until it leaves, as with the plain file.
      const again = await dispatch(cli, 'sync.enroll', { server: 'https://stint.example.com', code: 'ABCD' });
      expect(again.body).toMatchObject({
        ok: false,
        error: expect.stringMatching(/already enrolled to rep@example.com/),
        code: 'sync-already-enrolled',
        params: { email: 'rep@example.com' },
      });

      const app = createHandlers({ store, dbPath, clock: new FakeClock(ENROLLMENT.enrolledMs), recorder: null, tokenCipher: cipher });
      expect((await dispatch(app, 'sync.status', {})).body).toMatchObject({ ok: true, data: { enrolled: true, lastError: null } });
    } finally {
      store.close();
    }
  });
});
