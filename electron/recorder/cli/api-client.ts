// What a command needs to reach the API; the handlers, the store and the reports load only when a command
// runs (cli/api-session.ts), so `stint --help` and the parsing of a command's options load none of them.
import type { RequestInput, RequestName, ResponseMap } from '../../../shared/api/contract';
import type { Clock } from '../clock/clock';
import type { OpenOptions } from '../store/open-database';
import type { GlobalOptions } from './options';

/** The API as a command sees it: the views' requests, their validation and their messages. */
export interface CliApi {
  /** The clock every handler of this command reads, in the command's zone. */
  readonly clock: Clock;
  /**
   * Runs one request through `dispatch`, as the HTTP server and the IPC router do. A refusal becomes a
   * UserError with the API's own message (one line on stderr, exit 1); a bug is rethrown as one.
   */
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<ResponseMap[N]>;
}

export interface ApiClientOptions {
  /** The zone the handlers see as this computer's (a command's --tz); default this computer's. */
  zone?: string;
  /** How the database is opened; reports refuse a database that does not exist yet. */
  open?: OpenOptions;
}

/**
 * Opens the command's database, builds the handlers once over one clock and zone, runs fn with the API,
 * always closes (cli/api-session.ts). After each change it tells a recorder running in another process.
 */
export async function withApi<T>(options: GlobalOptions, fn: (api: CliApi) => Promise<T>, client: ApiClientOptions = {}): Promise<T> {
  const { openApi } = await import('./api-session');
  return openApi(options, fn, client);
}

/** One request in its own `withApi`: for commands that ask one thing and print the answer. */
export function runRequest<N extends RequestName>(
  options: GlobalOptions,
  name: N,
  input: RequestInput<N>,
  client: ApiClientOptions = {},
): Promise<ResponseMap[N]> {
  return withApi(options, (api) => api.request(name, input), client);
}
