import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8600;
export const DB_FILE_NAME = 'stint-server.db';

/**
 * The user's data folder, found as the device finds it (electron/recorder/store/data-path.ts; the server may
 * not import the device's code): the server's SQLite file sits beside the rep's stint.db under its own name.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Stint');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Stint');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'stint');
}

/** `--db`, else STINT_SERVER_DB, else the SQLite file in the data folder. A postgres:// URL picks PostgreSQL. */
export function resolveServerDb(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.STINT_SERVER_DB || join(dataDir(env), DB_FILE_NAME);
}
