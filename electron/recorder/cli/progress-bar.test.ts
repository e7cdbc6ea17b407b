import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar';

describe('progress bar', () => {
  it('draws the share done at most ten times a second, always the end, and clears its line', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar({ write: (text) => written.push(text) > 0 }, 200e6, 'Importing', () => now);
    bar.update(50e6);
    now = 50;
    bar.update(60e6); // within 100 ms of the last drawing: skipped
    now = 120;
    bar.update(100e6);
    now = 130;
    bar.update(200e6); // the end is always drawn
    bar.done();
    expect(written).toEqual([
      `\rImporting [${'#'.repeat(8)}${'.'.repeat(22)}] 25% 50/200 MB`,
      `\rImporting [${'#'.repeat(15)}${'.'.repeat(15)}] 50% 100/200 MB`,
      `\rImporting [${'#'.repeat(30)}] 100% 200/200 MB`,
      '\r\u001b[K',
    ]);
  });
});
