import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEvent } from '../../../shared/api/contract';
import type { Status } from '../../../shared/api/results';
import type { Clock } from '../clock/clock';
import { createEmitter, type Emitter } from './emitter';

/** A client that reads this slowly has gone away in all but name; it is dropped rather than buffered for. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface EventStreamOptions {
  clock: Clock;
  /** The live status, sent on connect and then every intervalMs while anyone listens. */
  status: () => Status | Promise<Status>;
  intervalMs: number;
  onError: (error: unknown) => void;
}

/**
 * Server-sent events for the views: every ApiEvent published goes to every connected client as one
 * `data:` line of JSON. The status ticker runs on the injected clock, only while a client is connected.
 */
export class EventStream {
  private readonly hub: Emitter<ApiEvent>;
  /** Each open stream and its unsubscribe. */
  private readonly clients = new Map<ServerResponse, () => void>();
  private cancelTick: (() => void) | null = null;
  private closed = false;

  constructor(private readonly options: EventStreamOptions) {
    this.hub = createEmitter<ApiEvent>(options.onError);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  publish(event: ApiEvent): void {
    this.hub.emit(event);
  }

  /** Sends a fresh status to every client now (after a change, so live views need not wait for the tick). */
  publishStatus(): void {
    if (this.hub.size > 0) void this.readStatus().then((status) => status && this.publish({ type: 'status', status }));
  }

  /** Takes over a response as an event stream until the client disconnects or close() is called. */
  add(req: IncomingMessage, res: ServerResponse): void {
    if (this.closed) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // How long an EventSource waits before reconnecting after the connection drops.
    res.write('retry: 2000\n\n');
    req.socket.setNoDelay(true);
    const send = (event: ApiEvent) => {
      if (res.writableEnded || res.destroyed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    this.clients.set(res, this.hub.subscribe(send));
    res.once('close', () => this.drop(res));
    void this.readStatus().then((status) => status && send({ type: 'status', status }));
    this.startTicker();
  }

  /** Ends every stream and stops the ticker. */
  close(): void {
    this.closed = true;
    for (const res of [...this.clients.keys()]) {
      this.drop(res);
      res.end();
    }
    this.stopTicker();
  }

  private drop(res: ServerResponse): void {
    const unsubscribe = this.clients.get(res);
    if (!unsubscribe) return;
    unsubscribe();
    this.clients.delete(res);
    if (this.hub.size === 0) this.stopTicker();
  }

  private startTicker(): void {
    if (this.cancelTick !== null || this.closed) return;
    const tick = () => {
      this.cancelTick = null;
      if (this.hub.size === 0 || this.closed) return;
      this.cancelTick = this.options.clock.setTimeout(tick, this.options.intervalMs);
      void this.readStatus().then((status) => status && this.publish({ type: 'status', status }));
    };
    this.cancelTick = this.options.clock.setTimeout(tick, this.options.intervalMs);
  }

  private stopTicker(): void {
    this.cancelTick?.();
    this.cancelTick = null;
  }

  private async readStatus(): Promise<Status | null> {
    try {
      return await this.options.status();
    } catch (error) {
      this.options.onError(error);
      return null;
    }
  }
}
