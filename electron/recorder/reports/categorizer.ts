import { compileRules, DEFAULT_RATINGS, DEFAULT_RULES } from '../../../shared/categories';
import type { WindowData } from '../../../shared/recording/records';

/**
 * The category of a window under the built-in sales-team rules. Reports categorize each distinct window
 * once, so the compiled rules are shared and results are not cached here.
 */
export function defaultCategorizer(): (window: WindowData) => string {
  const categorizer = compileRules(DEFAULT_RULES, DEFAULT_RATINGS);
  return (window) => categorizer.categorize(window).category;
}
