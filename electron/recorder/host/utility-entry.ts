import { UserError } from '../../../shared/user-error';
import { systemClock } from '../clock/system-clock';
import { openHostEndpoint } from './host-endpoint';
import { hostInitSchema, type HostInit } from './host-protocol';
import { processPort, type MessagePortLike } from './message-port';
import { startRecorderHost } from './recorder-host';
import { aesGcmCipher, DESKTOP_CIPHER_ID } from '../sync/token-vault';

/*
 * The recorder host's process (dist/recorder-host.cjs): the recorder, the database and the reports, away
 * from the desktop app's main process (docs/architecture.md). In Electron it is a utility process
 * (utilityProcess.fork): its first message on `process.parentPort` is the init message and carries the
 * MessagePort to talk over. Forked by plain Node (child_process.fork, as the tests do) the IPC channel
 * itself is the port and its first message the init message.
 */

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Electron's `process.parentPort` as far as this file uses it; it exists only in a utility process. */
interface ParentPort {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortLike[] }) => void): unknown;
}

function parentPort(): ParentPort | null {
  const candidate: unknown = Reflect.get(process, 'parentPort');
  return typeof candidate === 'object' && candidate !== null && 'once' in candidate && typeof candidate.once === 'function' ? (candidate as ParentPort) : null;
}

function channel(): Promise<{ port: MessagePortLike; init: HostInit }> {
  return new Promise((resolve, reject) => {
    const accept = (data: unknown, port: MessagePortLike | undefined) => {
      const init = hostInitSchema.safeParse(data);
      if (!init.success || port === undefined) reject(new Error(`the first message must be { type: 'init', dbPath } with a port; got ${JSON.stringify(data)}`));
      else resolve({ port, init: init.data });
    };
    const electron = parentPort();
    if (electron !== null) electron.once('message', ({ data, ports }) => accept(data, ports[0]));
    else if (process.send !== undefined) process.once('message', (data: unknown) => accept(data, processPort(process)));
    else reject(new Error('this is the desktop app’s recorder process; start it from Stint, or run `stint track` instead'));
  });
}

async function main(): Promise<void> {
  const { port, init } = await channel();
  const endpoint = openHostEndpoint(port, log);
  try {
    const host = await startRecorderHost({
      dbPath: init.dbPath,
      clock: systemClock,
      // The token is sealed with the key the main process keeps in the system keyring (electron/main/token-cipher.ts).
      tokenCipher: init.tokenKey === undefined ? null : aesGcmCipher(Buffer.from(init.tokenKey, 'base64'), DESKTOP_CIPHER_ID),
      idle: endpoint.idle,
      power: endpoint.power,
      onShutdown: () => endpoint.systemShutdown(),
      // The read worker is bundled beside this file (dist/read-worker.cjs).
      readWorkersDir: __dirname,
    });
    endpoint.serve(host, host.notRecording);
  } catch (error) {
    if (!(error instanceof UserError))
      log(`stint: the recorder host could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    endpoint.fail(error instanceof UserError ? error.message : `Stint could not open its database at ${init.dbPath}. The details are in its log.`);
    process.exitCode = 1;
    port.close();
    return;
  }
  await endpoint.done;
  // Nothing is left open: the process ends once the port has gone (the main process also kills it after `stopped`).
  port.close();
}

main().catch((error: unknown) => {
  log(`stint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
