import type { MessagePort as NodeMessagePort } from 'node:worker_threads';

/**
 * What each end of the host's channel needs of a port: Electron's MessagePortMain as it is (its 'message'
 * listener gets `{ data, ports }`). Node's worker_threads MessagePort hands the data itself to its
 * listener, so it goes through nodeMessagePort().
 */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  /** Messages queue until the port is started. */
  start(): void;
  close(): void;
}

/** A worker_threads MessagePort as a MessagePortLike. */
export function nodeMessagePort(port: NodeMessagePort): MessagePortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (_event, listener) => port.on('message', (data: unknown) => listener({ data })),
    start: () => port.start(),
    close: () => port.close(),
  };
}

/**
 * The IPC channel of a process started with child_process.fork, as a MessagePortLike: the host runs under
 * plain Node this way (tests, and anyone who wants it outside Electron).
 */
export function processPort(proc: Pick<NodeJS.Process, 'send' | 'on' | 'disconnect'>): MessagePortLike {
  // Disconnecting drops messages not yet written, so close() waits for the last one.
  let written = Promise.resolve();
  return {
    postMessage: (message) => {
      written = new Promise((resolve) => proc.send?.(message, undefined, undefined, () => resolve()));
    },
    on: (_event, listener) => proc.on('message', (data: unknown) => listener({ data })),
    start: () => undefined,
    close: () => void written.then(() => proc.disconnect?.()),
  };
}
