/**
 * An HTTP proxy on loopback between a device and its team server that misbehaves on purpose: it drops the
 * connection before forwarding, drops it halfway through the answer (after the server acted), sends a request
 * to the server twice at once, delays answers, and holds an answer back until a later one went out
 * (reordering). With no target (the server is down) every connection is reset. Seeded, so a failure repeats.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHAOS_ACTIONS = ['pass', 'drop-request', 'drop-mid-body', 'duplicate', 'delay', 'reorder'] as const;
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export class ChaosProxy {
  /** Where the server listens now, e.g. http://127.0.0.1:41234; null while it is down. */
  target: string | null = null;
  chaos = true;
  readonly counts: Record<ChaosAction | 'refused', number> = { pass: 0, 'drop-request': 0, 'drop-mid-body': 0, duplicate: 0, delay: 0, reorder: 0, refused: 0 };
  private server: Server | null = null;
  private held: (() => void)[] = [];

  constructor(private readonly random: () => number) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const release of this.held.splice(0)) release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private pick(): ChaosAction {
    if (!this.chaos) return 'pass';
    const r = this.random();
    if (r < 0.5) return 'pass';
    return CHAOS_ACTIONS[1 + Math.floor(((r - 0.5) / 0.5) * (CHAOS_ACTIONS.length - 1))]!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = this.target;
    if (target === null) {
      this.counts.refused += 1;
      res.socket?.destroy();
      return;
    }
    const action = this.pick();
    this.counts[action] += 1;
    if (action === 'drop-request') {
      res.socket?.destroy();
      return;
    }
    let answer: Answer;
    try {
      if (action === 'duplicate') {
        const both = await Promise.allSettled([forward(target, req, body), forward(target, req, body)]);
        const ok = both.filter((b): b is PromiseFulfilledResult<Answer> => b.status === 'fulfilled');
        if (ok.length === 0) throw new Error('both failed');
        answer = ok[ok.length - 1]!.value;
      } else {
        answer = await forward(target, req, body);
      }
    } catch {
      res.socket?.destroy();
      return;
    }
    if (action === 'drop-mid-body') {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
      // A held answer goes out after this later one: the two arrive in the other order.
      for (const release of this.held.splice(0)) release();
    };
    if (action === 'delay') setTimeout(send, Math.floor(this.random() * 30));
    else if (action === 'reorder') {
      // Held until the next answer goes out, or briefly when none follows (one device pushes one batch at a time).
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(timer);
        if (!res.destroyed) {
          res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
          res.end(answer.body);
        }
      };
      const timer = setTimeout(release, 20);
      this.held.push(release);
    } else send();
  }
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<Answer> {
  const url = new URL(req.url ?? '/', target);
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'cookie', 'x-csrf-token']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = httpRequest(url, { method: req.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        const type = res.headers['content-type'];
        if (typeof type === 'string') h['content-type'] = type;
        resolve({ status: res.statusCode ?? 502, headers: h, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}
