/** What the admin commands and the first start do to accounts; the CLI words the results. */
import { z } from 'zod';
import { UserError } from '../shared/user-error';
import { hashPassword } from './auth/passwords';
import { hashSecret, newEnrollmentCode, normalizeCode } from './auth/secrets';
import type { Role } from './db/schema';
import type { Services } from './http/context';
import { ENROLLMENT_CODE_TTL_MS } from './http/routes';
import { AccountError, type User } from './store/accounts-store';
import { audit } from './store/audit';

export const MIN_PASSWORD_LENGTH = 12;
const emailSchema = z.string().trim().email();

/**
 * On first start (no users yet) STINT_ADMIN_EMAIL and STINT_ADMIN_PASSWORD make the first admin. Returns
 * what happened: created, already-set-up, or no-admin (nothing to sign in with yet).
 */
export async function ensureFirstAdmin(services: Services, env: NodeJS.ProcessEnv): Promise<'created' | 'exists' | 'none'> {
  if ((await services.accounts.userCount()) > 0) return 'exists';
  const email = env.STINT_ADMIN_EMAIL;
  const password = env.STINT_ADMIN_PASSWORD;
  if (!email || !password) return 'none';
  try {
    await createUser(services, { email, name: email.split('@')[0] ?? email, role: 'admin', team: null, password });
  } catch (error) {
    // Several processes starting at once on one database: one of them made the admin.
    if ((await services.accounts.userCount()) > 0) return 'exists';
    throw error;
  }
  return 'created';
}

export async function createUser(
  services: Services,
  input: { email: string; name: string; role: Role; team: string | null; password: string | null },
): Promise<User> {
  if (!emailSchema.safeParse(input.email).success) throw new UserError(`${input.email} is not an email address.`);
  if (input.password !== null && input.password.length < MIN_PASSWORD_LENGTH)
    throw new UserError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  const nowMs = services.now();
  try {
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    const user = await services.accounts.createUser({ ...input, passwordHash }, nowMs);
    await audit(services.db, {
      atMs: nowMs,
      actorUserId: null,
      action: 'user.create',
      subject: `user:${user.id}`,
      detail: { email: user.email, role: user.role, team: input.team, by: 'cli' },
    });
    return user;
  } catch (e) {
    if (e instanceof AccountError) throw new UserError(e.message);
    throw e;
  }
}

export async function enrollmentCode(services: Services, email: string): Promise<{ code: string; expiresMs: number; user: User }> {
  const user = await services.accounts.findActiveByEmail(email);
  if (!user) throw new UserError(`No user ${email}. Add them first: stint-server admin create-user --email ${email} --name NAME --role rep`);
  const code = newEnrollmentCode();
  const nowMs = services.now();
  const expiresMs = nowMs + ENROLLMENT_CODE_TTL_MS;
  await services.accounts.createEnrollmentCode({ codeHash: hashSecret(normalizeCode(code)), userId: user.id, nowMs, expiresMs });
  return { code, expiresMs, user };
}
