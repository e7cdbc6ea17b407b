import { writeSync } from 'node:fs';

let stream = false;

/**
 * Writes a command's output to standard output. With write(2) on fd 1, not process.stdout: creating that stream
 * loads node's stream machinery (and net or tty), a tenth of a report's start-up, and a file or a terminal takes
 * the bytes at once either way. A pipe the reader set non-blocking may be full (EAGAIN): from then on the stream
 * takes the rest, in order, and waits for the reader. A reader that left (`stint report | head`) ends the command
 * quietly, as the reader chose.
 */
export function writeOut(text: string): void {
  if (stream) {
    process.stdout.write(text);
    return;
  }
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw error;
      stream = true;
      process.stdout.on('error', (streamError: NodeJS.ErrnoException) => {
        if (streamError.code === 'EPIPE') process.exit(0);
        throw streamError;
      });
      process.stdout.write(bytes);
      return;
    }
  }
}
