import type { ServerDb } from './db/open';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions, type Services } from './http/context';
import { AccountsStore } from './store/accounts-store';
import { PolicyStore } from './store/policy-store';
import { SyncStore } from './store/sync-store';

export function createServices(store: ServerDb, now: () => number = Date.now, options: Partial<ServerOptions> = {}): Services {
  return {
    db: store.db,
    accounts: new AccountsStore(store.db),
    sync: new SyncStore(store.db),
    policies: new PolicyStore(store.db),
    now,
    options: { ...DEFAULT_SERVER_OPTIONS, ...options },
  };
}
