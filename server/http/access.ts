/** Who may see or act on whom: admins everyone, managers the members of their teams, reps themselves. */
import type { Services } from './context';
import { forbidden } from './errors';
import type { UserWithTeams } from '../store/accounts-store';

export async function mayActOn(services: Services, actor: UserWithTeams, targetUserId: number): Promise<boolean> {
  if (actor.role === 'admin' || actor.id === targetUserId) return true;
  if (actor.role !== 'manager') return false;
  return services.accounts.isMemberOfAny(targetUserId, actor.manages);
}

export async function requireActOn(services: Services, actor: UserWithTeams, targetUserId: number): Promise<void> {
  if (!(await mayActOn(services, actor, targetUserId))) throw forbidden('You can act only on yourself or, as a manager, on the members of your teams.');
}

export function requireAdmin(actor: UserWithTeams): void {
  if (actor.role !== 'admin') throw forbidden('Only an admin can do this.');
}

/** The teams whose members the actor sees: null for all (admins). */
export function visibleTeams(actor: UserWithTeams): number[] | null {
  return actor.role === 'admin' ? null : actor.manages;
}
