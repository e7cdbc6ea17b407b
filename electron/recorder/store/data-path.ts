import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the rep's database lives unless --db or STINT_DB says otherwise. The Electron app resolves the
 * same folder so the tray app and the CLI share one file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Stint');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Stint');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'stint');
}

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.STINT_DB) return env.STINT_DB;
  return join(defaultDataDir(env), 'stint.db');
}
