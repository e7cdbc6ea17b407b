import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/stint.cjs', import.meta.url));

/** A `stint track` child process whose log lines can be awaited. */
export class TrackProcess {
  readonly child: ChildProcess;
  private output = '';
  private waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, 'track', ...args], { env: { ...env, STINT_DEBUG: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.waiters = this.waiters.filter((w) => {
        const line = this.output.split('\n').find((l) => w.pattern.test(l));
        if (line !== undefined) w.resolve(line);
        return line === undefined;
      });
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get log(): string {
    return this.output;
  }

  /** Resolves with the first log line matching pattern; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<string> {
    const seen = this.output.split('\n').find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ pattern, resolve });
      void this.exited.then(() => reject(new Error(`stint track exited before printing ${pattern}:\n${this.output}`)));
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/**
 * Polls a condition against the outside world (a database another process writes) until it holds.
 * The pause between attempts only paces the polling; the outcome never depends on its length.
 */
export async function waitFor<T>(what: string, check: () => T | undefined, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
