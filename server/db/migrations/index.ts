import { initial } from './001-initial';
import { payroll } from './002-payroll';
import { team } from './003-team';
import { teamImports } from './004-team-imports';
import type { ServerMigration } from './migration';

/** In order; a name is never reused or renamed once released (Kysely records the names it ran). */
export const migrations: readonly ServerMigration[] = [initial, payroll, team, teamImports];
