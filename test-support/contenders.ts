import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./api-contender.ts', import.meta.url));

export interface Answer {
  status: number;
  body: { ok: true; data: unknown } | { ok: false; error: string };
}

/** One api-contender.ts process: its output lines, awaited one at a time. */
class Contender {
  private readonly child: ChildProcess;
  private readonly lines: Interface;
  private readonly queued: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(dbPath: string, nowMs: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dbPath, String(nowMs)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.lines = createInterface({ input: this.child.stdout! });
    this.lines.on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.queued.push(line);
    });
  }

  nextLine(): Promise<string> {
    const line = this.queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      void this.exited.then((code) => reject(new Error(`contender exited (${code}) before answering:\n${this.stderr}`)));
    });
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await this.exited;
  }
}

/**
 * Several processes with the same database open, each blocked reading stdin until `race` hands every one
 * a request at the same moment: no sleeps, the pipes are the barrier.
 */
export class Contenders {
  private constructor(private readonly all: Contender[]) {}

  /** Starts `count` contenders and resolves once every one has opened the database. */
  static async start(count: number, dbPath: string, nowMs: number): Promise<Contenders> {
    const all = Array.from({ length: count }, () => new Contender(dbPath, nowMs));
    const ready = await Promise.all(all.map((c) => c.nextLine()));
    if (ready.some((line) => line !== 'ready')) throw new Error(`a contender did not start: ${ready.join(' | ')}`);
    return new Contenders(all);
  }

  /** Releases every contender at once with its request (one per contender) and collects the answers in the same order. */
  async race(requests: readonly { name: string; input: unknown }[]): Promise<Answer[]> {
    if (requests.length !== this.all.length) throw new Error(`one request per contender: ${requests.length} for ${this.all.length}`);
    const answers = this.all.map((c) => c.nextLine());
    const lines = requests.map((r) => JSON.stringify(r));
    this.all.forEach((c, i) => c.send(lines[i]!));
    return (await Promise.all(answers)).map((line) => JSON.parse(line) as Answer);
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((c) => c.stop()));
  }
}
