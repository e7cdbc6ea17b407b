import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { PowerEvent, PowerEvents } from '../../power-events';
import type { IdleSource } from '../../sources/idle-source';
import { createEmitter } from '../../api/emitter';
import { connectHost, type HostClient } from '../host-client';
import type { MessagePortLike } from '../message-port';

/** The bundle `npm run build` makes of utility-entry.ts (the tests' global setup builds it). */
export const HOST_BUNDLE = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'recorder-host.cjs');

/** Idle time as the main process would report it from powerMonitor, set by the test; counts the queries. */
export class StandInIdle implements IdleSource {
  idleMsNow = 0;
  queries = 0;
  async idleMs(): Promise<number> {
    this.queries++;
    return this.idleMsNow;
  }
  async close(): Promise<void> {}
}

export interface ForkedHost {
  child: ChildProcess;
  client: HostClient;
  idle: StandInIdle;
  /** Plays powerMonitor's events. */
  power(event: PowerEvent): void;
  /** What the host wrote on stderr. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real recorder host bundle in a child process, the way the desktop app runs it but with Node's
 * child_process IPC channel standing in for Electron's MessagePort, and the real HostClient on this side.
 */
export function forkHost(dbPath: string, env: NodeJS.ProcessEnv, init: { tokenKey?: string } = {}): ForkedHost {
  const child = fork(HOST_BUNDLE, [], { env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const port: MessagePortLike = {
    postMessage: (message) => {
      // Every message of the protocol is an object.
      if (typeof message !== 'object' || message === null) throw new TypeError(`not a protocol message: ${String(message)}`);
      if (child.connected) child.send(message);
    },
    on: (_event, listener) => child.on('message', (data: unknown) => listener({ data })),
    start: () => undefined,
    close: () => child.disconnect(),
  };
  const idle = new StandInIdle();
  const powerEvents = createEmitter<PowerEvent>();
  const power: PowerEvents = { subscribe: (listener) => powerEvents.subscribe(listener) };
  const client = connectHost(port, { idle, power, log: (line) => (stderr += `[main] ${line}\n`) });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      client.close(signal === null ? `its process ended with code ${code}` : `its process was killed by ${signal}`);
      resolve({ code, signal });
    }),
  );
  child.send({ type: 'init', dbPath, ...init });
  return { child, client, idle, power: (event) => powerEvents.emit(event), stderr: () => stderr, exited };
}
