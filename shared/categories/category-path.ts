/** Category paths: hierarchical names whose segments are joined with " > ". */

export const CATEGORY_SEPARATOR = ' > ';
/** Where activity goes when no rule matches. Rated neutral unless a rating says otherwise. */
export const UNCATEGORIZED = 'Uncategorized';

/** The trimmed segments of a path. "Sales>CRM >  Salesforce" → ["Sales", "CRM", "Salesforce"]. */
export function categorySegments(path: string): string[] {
  return path.split('>').map((segment) => segment.trim());
}

/**
 * The canonical form of a path: segments trimmed and joined with " > ". Returns null when the path
 * is empty or has an empty segment ("Sales >  > CRM", "> Sales").
 */
export function normalizeCategory(path: string): string | null {
  const segments = categorySegments(path);
  if (segments.some((segment) => segment === '')) return null;
  return segments.join(CATEGORY_SEPARATOR);
}

/** The number of segments in a path: "Sales > CRM > Salesforce" → 3. */
export function categoryDepth(path: string): number {
  return categorySegments(path).length;
}

/**
 * The path and its ancestors, root first, the path itself last:
 * "Sales > CRM > Salesforce" → ["Sales", "Sales > CRM", "Sales > CRM > Salesforce"].
 */
export function categoryAncestors(path: string): string[] {
  const segments = categorySegments(path);
  return segments.map((_, i) => segments.slice(0, i + 1).join(CATEGORY_SEPARATOR));
}

/**
 * The path cut to at most `depth` segments: truncateCategory("Sales > CRM > Salesforce", 2) →
 * "Sales > CRM". Paths already that shallow come back normalized but otherwise unchanged.
 */
export function truncateCategory(path: string, depth: number): string {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
  return categorySegments(path).slice(0, depth).join(CATEGORY_SEPARATOR);
}
