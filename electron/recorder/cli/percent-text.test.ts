import fc from 'fast-check';
import { expect, it } from 'vitest';
import { percentText } from './report-command';

it('writes a share as English Intl does, with at most one decimal', () => {
  const intl = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
  for (const [share, text] of [
    [0, '0%'],
    [0.4, '40%'],
    [0.125, '12.5%'],
    [0.12345, '12.3%'],
    [12.5, '1,250%'],
    [-0.5, '-50%'],
  ] as const) {
    expect(percentText(share)).toBe(text);
    expect(intl.format(share)).toBe(text);
  }
  fc.assert(
    fc.property(fc.double({ min: -200, max: 200, noNaN: true }), (share) => {
      // Intl writes a share that rounds to zero from below as "-0%"; the CLI writes "0%".
      expect(percentText(share)).toBe(intl.format(share).replace('-0%', '0%'));
    }),
    { numRuns: 2000 },
  );
});
