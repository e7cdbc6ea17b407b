import { z } from 'zod';
import { once } from '../once';
import { UserError } from '../user-error';
import { normalizeCategory } from './category-path';
import { DEFAULT_RULES } from './default-rules';
import { patternProblem } from './pattern';
import { RATINGS, RULE_FIELDS, type CategoryRating, type Rule } from './types';

/**
 * zod schemas for rules and ratings as stored (database rows, JSON files) and edited (CLI). They
 * normalize as they parse: category paths to "A > B > C", absent and null patterns to undefined.
 * Every problem found in a rule is reported in a message that names the rule by id. Each is built at its first
 * use: a report that only reads the stored rules does not build them.
 */

export const ratingSchema = once(() =>
  z.enum(RATINGS, {
    error: `rating must be one of ${RATINGS.map((r) => `"${r}"`).join(', ')}`,
  }),
);

/** The pattern sources of the built-in rules, known good. */
const defaultPatterns = once(
  (): ReadonlySet<string> => new Set(DEFAULT_RULES.flatMap((rule) => [rule.app, rule.title, rule.url].filter((p) => p !== undefined))),
);
const patternField = once(() => z.string({ error: 'a pattern must be a string' }).nullish());

export const ruleSchema = once(() =>
  z
    .strictObject({
      id: z.string({ error: 'a rule needs an id (a string)' }).trim().min(1, 'a rule needs a non-empty id'),
      category: z.string({ error: 'a rule needs a category (a path like "Sales > CRM > Salesforce")' }),
      app: patternField(),
      title: patternField(),
      url: patternField(),
    })
    .superRefine((rule, ctx) => {
      const named = (message: string, path: string): void => {
        ctx.addIssue({ code: 'custom', path: [path], message: `Rule "${rule.id}": ${message}`, params: { named: true } });
      };
      if (normalizeCategory(rule.category) === null) {
        named(`category "${rule.category}" is not a path like "Sales > CRM > Salesforce" (a segment is empty)`, 'category');
      }
      let given = 0;
      for (const field of RULE_FIELDS) {
        const source = rule[field];
        if (source === undefined || source === null) continue;
        given += 1;
        // The built-in rules' patterns are checked by their tests (default-rules.test.ts), not again on every start:
        // RE2 compiles slowly, and each process that reports would compile them all.
        const problem = defaultPatterns().has(source) ? null : patternProblem(source);
        if (problem !== null) named(`${field} pattern /${source}/ cannot be used: ${problem}`, field);
      }
      if (given === 0) named('gives no app, title or url pattern, so it would match everything', 'id');
    })
    .transform((rule): Rule => {
      const out: Rule = { id: rule.id, category: normalizeCategory(rule.category) ?? rule.category };
      for (const field of RULE_FIELDS) {
        const source = rule[field];
        if (source !== undefined && source !== null) out[field] = source;
      }
      return out;
    }),
);

export const rulesSchema = once(() =>
  z.array(ruleSchema(), { error: 'rules must be a list' }).superRefine(
    flagRepeats(
      (rule) => rule.id,
      'id',
      (rule, first) => `Rule "${rule.id}": the id is also used by rule #${first}; ids must be unique`,
    ),
  ),
);

export const categoryRatingSchema = once(() =>
  z
    .strictObject({
      category: z.string({ error: 'a rating needs a category (a path like "Sales > CRM")' }),
      rating: ratingSchema(),
    })
    .superRefine((entry, ctx) => {
      if (normalizeCategory(entry.category) === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['category'],
          message: `Rating for "${entry.category}": not a path like "Sales > CRM" (a segment is empty)`,
          params: { named: true },
        });
      }
    })
    .transform((entry): CategoryRating => ({ category: normalizeCategory(entry.category) ?? entry.category, rating: entry.rating })),
);

export const categoryRatingsSchema = once(() =>
  z.array(categoryRatingSchema(), { error: 'ratings must be a list' }).superRefine(
    flagRepeats(
      (entry) => entry.category,
      'category',
      (entry, first) => `Rating for "${entry.category}": the category is already rated by entry #${first}`,
    ),
  ),
);

/** A list check: each item whose key an earlier item has is an issue on its `field`, worded with the earlier one's number (from 1). */
function flagRepeats<T>(key: (item: T) => string, field: string, message: (item: T, first: number) => string) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(key(item));
      if (first === undefined) seen.set(key(item), index);
      else ctx.addIssue({ code: 'custom', path: [index, field], message: message(item, first + 1), params: { named: true } });
    });
  };
}

/**
 * One line per issue, for a person. Issues that do not already name their rule (or rating) are
 * prefixed with it: by id (or category) when it has one, else by position. `input` is what was parsed:
 * a list, or a single rule or rating.
 */
export function formatIssues(error: z.ZodError, input: unknown, noun: 'Rule' | 'Rating'): string {
  return error.issues
    .map((issue) => {
      const params: unknown = 'params' in issue ? issue.params : undefined;
      if (typeof params === 'object' && params !== null && 'named' in params) return issue.message;
      return `${locate(issue.path, input, noun)}: ${issue.message}`;
    })
    .join('\n');
}

function locate(path: readonly PropertyKey[], input: unknown, noun: 'Rule' | 'Rating'): string {
  const key = noun === 'Rule' ? 'id' : 'category';
  let where: string;
  let fields: readonly PropertyKey[];
  if (Array.isArray(input)) {
    const [first, ...rest] = path;
    if (typeof first !== 'number') return noun === 'Rule' ? 'Rules' : 'Ratings';
    const name = field(input[first], key);
    where = name === null ? `${noun} #${first + 1}` : `${noun} "${name}"`;
    fields = rest;
  } else {
    const name = field(input, key);
    where = name === null ? noun : `${noun} "${name}"`;
    fields = path;
  }
  return fields.length === 0 ? where : `${where}, ${fields.map(String).join('.')}`;
}

function field(item: unknown, key: string): string | null {
  if (typeof item !== 'object' || item === null || !(key in item)) return null;
  const value: unknown = (item as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, noun: 'Rule' | 'Rating', what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UserError(`Invalid ${what}:\n${formatIssues(result.error, input, noun)}`);
}

/** Parse and normalize one rule; throws a UserError that names the rule and each problem. */
export function parseRule(input: unknown): Rule {
  return parseWith(ruleSchema(), input, 'Rule', 'rule');
}

/** Parse and normalize a list of rules (ids unique); throws a UserError listing every problem. */
export function parseRules(input: unknown): Rule[] {
  return parseWith(rulesSchema(), input, 'Rule', 'rules');
}

/** Parse and normalize a list of category ratings (categories unique); throws a UserError. */
export function parseCategoryRatings(input: unknown): CategoryRating[] {
  return parseWith(categoryRatingsSchema(), input, 'Rating', 'ratings');
}
