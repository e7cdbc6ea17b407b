import { lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { setHostZone } from '../../../shared/timesheet/host-zone';

/**
 * The IANA name Intl gives this process's zone, kept in a small cache file so that a short command need not
 * build an Intl object to learn it (the first one loads ICU's locale tables: more instructions than the
 * rest of `stint status`). ICU takes the zone from TZ, else from /etc/localtime, and canonicalizes the
 * name with its own tz data (TZ=Asia/Kolkata reads "Asia/Calcutta"), so the cache is keyed by those
 * three; any change to them asks Intl again. Where the zone comes from elsewhere (Windows), Intl is asked.
 */
export function readHostZone(env: NodeJS.ProcessEnv = process.env, cacheFile: string | null = defaultCacheFile(env), askIntl: () => string = intlZone): string {
  const key = zoneSourceKey(env);
  if (key === null || cacheFile === null) return declared(askIntl());
  const cached = readCache(cacheFile);
  if (cached !== null && cached.key === key) return declared(cached.zone);
  const zone = askIntl();
  writeCache(cacheFile, { key, zone });
  return declared(zone);
}

/** Tells the shared zone maths that Date runs in this zone, so days in it are computed without Intl. */
function declared(zone: string): string {
  setHostZone(zone);
  return zone;
}

function intlZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What ICU derives the zone from, as one string; null where that is not TZ and /etc/localtime. */
function zoneSourceKey(env: NodeJS.ProcessEnv): string | null {
  if (process.platform !== 'linux' && process.platform !== 'darwin') return null;
  let localtime: string;
  try {
    const stat = lstatSync('/etc/localtime');
    localtime = stat.isSymbolicLink() ? `link ${readlinkSync('/etc/localtime')}` : `file ${stat.ino} ${stat.size} ${stat.mtimeMs}`;
  } catch {
    localtime = 'none';
  }
  return JSON.stringify([env.TZ ?? null, localtime, process.versions.icu ?? '', process.versions.tz ?? '']);
}

function defaultCacheFile(env: NodeJS.ProcessEnv): string | null {
  const home = env.HOME ?? homedir();
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(base, 'stint', 'host-zone.json');
}

interface CacheEntry {
  key: string;
  zone: string;
}

// Checked by hand, not with zod: `stint --help` loads no zod, and this file has two strings.
function readCache(file: string): CacheEntry | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { key, zone } = parsed as Record<string, unknown>;
    return typeof key === 'string' && typeof zone === 'string' && zone !== '' ? { key, zone } : null;
  } catch {
    return null;
  }
}

// Not mkdirSync's `recursive`: under /proc it loops forever (ENOENT for a folder whose parent exists).
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function writeCache(file: string, entry: CacheEntry): void {
  try {
    makeFolder(dirname(dirname(file)));
    makeFolder(dirname(file));
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // Without a writable cache the zone is asked of Intl each time: slower, never wrong.
  }
}
