/**
 * Nearest-rank percentiles, the definition every Stint report uses: the p-th percentile (0 < p ≤ 100)
 * of n values sorted ascending is the value at 1-based rank ⌈p/100 × n⌉. It is always one of the
 * observed values, never an interpolation, so the median of an even count is the lower middle value
 * ([60, 120, 180, 240] → 120) and p90 of 4 values is the largest (rank ⌈3.6⌉ = 4).
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  return nearestRankSorted(Float64Array.from(values).sort(), p);
}

/** The 1-based rank ⌈p/100 × n⌉ of the p-th percentile among n values. */
function nearestRankIndex(n: number, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  // Guard against binary rounding: 0.9 × 10 must be rank 9, not ⌈9.000000000000002⌉ = 10.
  return Math.max(1, Math.ceil(Number(((p / 100) * n).toFixed(9))));
}

/** nearestRank over values already sorted ascending: sort once, read several percentiles. */
export function nearestRankSorted(sorted: ArrayLike<number>, p: number): number | null {
  const rank = nearestRankIndex(sorted.length, p);
  return sorted.length === 0 ? null : sorted[rank - 1]!;
}

/**
 * nearestRank over a histogram: [value, count] pairs with distinct values in ascending order, as a SQL
 * GROUP BY gives them. Equal to nearestRank over the values each repeated count times.
 */
export function nearestRankOfCounts(counts: readonly (readonly [value: number, count: number])[], p: number): number | null {
  const n = counts.reduce((sum, [, count]) => sum + count, 0);
  const rank = nearestRankIndex(n, p);
  if (n === 0) return null;
  let seen = 0;
  for (const [value, count] of counts) {
    seen += count;
    if (seen >= rank) return value;
  }
  return null;
}
