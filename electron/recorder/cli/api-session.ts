// The heavy half of cli/api-client.ts: the handlers, the store and dispatch, loaded when a command runs (not for --help).
import type { RequestInput, RequestName, ResponseMap } from '../../../shared/api/contract';
import { UserError } from '../../../shared/user-error';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { systemClock } from '../clock/system-clock';
import { zonedClock } from '../clock/zoned-clock';
import { postChangeNotice } from '../recorder-commands';
import { existsSync } from 'node:fs';
import { discardDatabase } from '../store/open-database';
import { readLock } from '../store/recorder-lock';
import { asStorageError } from '../store/storage-error';
import { Store } from '../store/store';
import { dbPathFrom, type GlobalOptions } from './options';
import type { ApiClientOptions, CliApi } from './api-client';

/**
 * Opens the command's database, builds the handlers once over one clock and zone, runs fn with the API,
 * always closes. After each change it tells a recorder running in another process, so its views reload.
 * A command that fails leaves no database behind that it created and changed nothing in (an import of a
 * bad file into a mistyped --db, say).
 */
export async function openApi<T>(options: GlobalOptions, fn: (api: CliApi) => Promise<T>, client: ApiClientOptions = {}): Promise<T> {
  const dbPath = dbPathFrom(options);
  const created = !existsSync(dbPath);
  const store = Store.open(dbPath, client.open);
  let changed = false;
  const clock = client.zone === undefined ? systemClock : zonedClock(systemClock, client.zone);
  const handlers = createHandlers({ store, dbPath, clock, recorder: null });
  const api: CliApi = {
    clock,
    async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]> {
      const result = await dispatch(handlers, name, input);
      if (result.status === 500) throw result.failure.cause instanceof Error ? result.failure.cause : new Error(result.body.error);
      if (!result.body.ok) throw new UserError(result.body.error);
      if (result.changed !== null) {
        changed = true;
        postChangeNotice(store, dbPath, result.changed, clock.now());
      }
      // dispatch ran the handler of `name`, whose answer is ResponseMap[N].
      return result.body.data as ResponseMap[N];
    },
  };
  let failed = true;
  try {
    const value = await fn(api);
    failed = false;
    return value;
  } catch (error) {
    // A write refused by a full disk or a read-only file is not a bug: say which (cli/main.ts words it).
    throw asStorageError(error, dbPath);
  } finally {
    store.close();
    if (failed && created && !changed && readLock(dbPath) === null) discardDatabase(dbPath);
  }
}
