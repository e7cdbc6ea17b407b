/**
 * Nearest-rank percentiles, the definition every Stint report uses: the p-th percentile (0 < p ≤ 100)
 * of n values sorted ascending is the value at 1-based rank ⌈p/100 × n⌉. It is always one of the
 * observed values, never an interpolation, so the median of an even count is the lower middle value
 * ([60, 120, 180, 240] → 120) and p90 of 4 values is the largest (rank ⌈3.6⌉ = 4).
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  return nearestRankSorted(Float64Array.from(values).sort(), p);
}

/** nearestRank over values already sorted ascending: sort once, read several percentiles. */
export function nearestRankSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  // Guard against binary rounding: 0.9 × 10 must be rank 9, not ⌈9.000000000000002⌉ = 10.
  const rank = Math.max(1, Math.ceil(Number(((p / 100) * sorted.length).toFixed(9))));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number | null {
  return nearestRank(values, 50);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
