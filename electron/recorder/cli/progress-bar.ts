/** Something a progress bar can be drawn on: a terminal's stderr. */
export interface ProgressOutput {
  write(text: string): boolean;
}

/**
 * A one-line progress bar for work longer than a second, redrawn at most ten times a second by the
 * amount done (bytes read, say). `done` clears the line.
 */
export function progressBar(out: ProgressOutput, total: number, label: string, now: () => number = () => performance.now()) {
  let last = -Infinity;
  const draw = (done: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${mb(done)}/${mb(total)} MB`);
  };
  return {
    update: (done: number) => {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      draw(done);
    },
    done: () => {
      out.write('\r\u001b[K');
    },
  };
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0);
}
