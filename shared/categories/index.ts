/** Categorization and productivity ratings of window activity: pure functions over rules and ratings. */
export type { Activity, Categorization, Categorizer, CategoryRating, Rating, Rule, RuleField } from './types';
export { RATINGS, RULE_FIELDS } from './types';
export { CATEGORY_SEPARATOR, UNCATEGORIZED, categoryAncestors, categoryDepth, categorySegments, normalizeCategory, truncateCategory } from './category-path';
export { PATTERN_FLAGS, compilePattern, patternProblem } from './pattern';
export {
  categoryRatingSchema,
  categoryRatingsSchema,
  formatIssues,
  parseCategoryRatings,
  parseRule,
  parseRules,
  ratingSchema,
  ruleSchema,
  rulesSchema,
} from './schema';
export { mergeRatings, ratingResolver, resolveRating } from './ratings';
export { activityKey, compileRules, type CompileOptions } from './categorizer';
export { categorizeByDefinition, ruleMatches } from './reference';
export { rollUpSeconds, type CategorySeconds } from './rollup';
export { requiredLiterals } from './required-literals';
export { DEFAULT_RULES, titleSegment, urlHost } from './default-rules';
export { DEFAULT_RATINGS } from './default-ratings';
