import type { OpenOptions } from '../store/open-database';
import { Store } from '../store/store';
import { dbPathFrom, type GlobalOptions } from './options';

/** Opens the database the command's --db (or STINT_DB, or the default) names, runs fn, always closes. */
export function withStore<T>(options: GlobalOptions, fn: (store: Store) => T, open?: OpenOptions): T {
  const store = Store.open(dbPathFrom(options), open);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
