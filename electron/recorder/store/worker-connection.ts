import Database from 'better-sqlite3';
import { Store } from './store';

/**
 * A read worker's own connection to the database the recorder's thread opened (and migrated) already
 * (api/read-worker.ts). WAL lets it read while the recorder writes. It is opened read-write, not read-only,
 * for one reason: the reports fill their derived day caches (activity_day_cache, call_day_cache) as they
 * go. Those fills run in short immediate transactions, so they see the latest records and hold the write
 * lock for one chunk of days at most (the recorder's flush waits that long at worst, busy_timeout below);
 * sending the rows back to the recorder's thread instead would let a stale day land in the cache after a
 * change the triggers had already accounted for. Only the read requests of read-requests.ts are sent here.
 */
export function openWorkerStore(path: string): Store {
  const db = new Database(path, { fileMustExist: true });
  try {
    // Waits for the recorder's flushes instead of failing; the recorder's thread is never the one waiting long.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return new Store(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
