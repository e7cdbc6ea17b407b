import { UNCATEGORIZED, categoryDepth } from './category-path';
import { compilePattern } from './pattern';
import { resolveRating } from './ratings';
import { parseCategoryRatings, parseRules } from './schema';
import { RULE_FIELDS, type Activity, type CategoryRating, type Categorization, type Rule } from './types';

/** Whether a rule matches an activity: every pattern it gives matches its field (no url → no match). */
export function ruleMatches(rule: Rule, activity: Activity): boolean {
  return RULE_FIELDS.every((field) => {
    const source = rule[field];
    if (source === undefined) return true;
    const value = activity[field] ?? '';
    if (field === 'url' && value === '') return false;
    return compilePattern(source).test(value);
  });
}

/**
 * The definition of categorization, written plainly and slowly (it recompiles every pattern on
 * every call): the executable specification `compileRules` is tested against. Use `compileRules`.
 */
export function categorizeByDefinition(
  rules: readonly Rule[],
  ratings: readonly CategoryRating[],
  activity: Activity,
  preferred: ReadonlySet<string> = new Set(),
): Categorization {
  const normalizedRatings = parseCategoryRatings(ratings);
  let best: Rule | null = null;
  const tier = (rule: Rule) => (preferred.has(rule.id) ? 1 : 0);
  for (const rule of parseRules(rules)) {
    if (!ruleMatches(rule, activity)) continue;
    // A preferred rule (the rep's own) beats any other; then the deepest category wins; on a tie the earlier rule stays.
    if (best === null || tier(rule) > tier(best) || (tier(rule) === tier(best) && categoryDepth(rule.category) > categoryDepth(best.category))) best = rule;
  }
  const category = best === null ? UNCATEGORIZED : best.category;
  return { category, rating: resolveRating(category, normalizedRatings), ruleId: best === null ? null : best.id };
}
