/** How a category counts toward productivity % (productive ÷ active). */
export const RATINGS = ['productive', 'neutral', 'unproductive'] as const;
export type Rating = (typeof RATINGS)[number];

/** The fields of a rule that hold patterns, in the order they are reported. */
export const RULE_FIELDS = ['app', 'title', 'url'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * A categorization rule. `category` is a hierarchical path joined with " > ", e.g.
 * "Sales > CRM > Salesforce". `app`, `title` and `url` are regular-expression sources, matched
 * case-insensitively anywhere in the field (anchor with ^ and $ to match the whole field). A rule
 * matches an activity when every field it gives matches; it must give at least one. A `url` pattern
 * never matches an activity without a url (or with an empty one).
 */
export interface Rule {
  id: string;
  category: string;
  app?: string | undefined;
  title?: string | undefined;
  url?: string | undefined;
}

/** A rating for a category. Categories without one inherit their nearest rated ancestor's; else neutral. */
export interface CategoryRating {
  category: string;
  rating: Rating;
}

/** What a window heartbeat says about the active window. `url` is often absent (e.g. on Linux). */
export interface Activity {
  app: string;
  title: string;
  url?: string | undefined;
}

/** The outcome of categorizing one activity. `ruleId` is the winning rule, or null when uncategorized. */
export interface Categorization {
  readonly category: string;
  readonly rating: Rating;
  readonly ruleId: string | null;
}

/** A set of rules and ratings compiled for fast, repeated categorization. See `compileRules`. */
export interface Categorizer {
  /** Categorize one activity. Pure: the same activity always gives the same (identical) object. */
  categorize(activity: Activity): Categorization;
  /** The effective rating of any category path under these ratings (inherited; neutral when none). */
  ratingOf(category: string): Rating;
  /**
   * A short hash of the normalized rules (in order) and ratings. Two categorizers with the same
   * fingerprint categorize identically, so a cache keyed by `fingerprint` + `activityKey(activity)`
   * stays valid until a rule or rating changes.
   */
  readonly fingerprint: string;
  /** The normalized rules, in the order given. */
  readonly rules: readonly Rule[];
  /** The normalized ratings. */
  readonly ratings: readonly CategoryRating[];
}
