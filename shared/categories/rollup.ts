import { truncateCategory } from './category-path';

export interface CategorySeconds {
  category: string;
  seconds: number;
}

/**
 * Totals seconds by category cut to `depth` segments (depth 1: "Sales", "Communication", …; depth
 * 2: "Sales > CRM", …). Categories already that shallow, and "Uncategorized", keep their own line.
 * Sorted by seconds, largest first, then by category. `depth` must be a positive integer.
 */
export function rollUpSeconds(entries: Iterable<CategorySeconds>, depth: number): CategorySeconds[] {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
  const totals = new Map<string, number>();
  for (const { category, seconds } of entries) {
    const key = truncateCategory(category, depth);
    totals.set(key, (totals.get(key) ?? 0) + seconds);
  }
  return [...totals]
    .map(([category, seconds]) => ({ category, seconds }))
    .sort((a, b) => b.seconds - a.seconds || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
