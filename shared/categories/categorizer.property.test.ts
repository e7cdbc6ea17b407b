import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityKey, compileRules } from './categorizer';
import { UNCATEGORIZED } from './category-path';
import { DEFAULT_RATINGS } from './default-ratings';
import { DEFAULT_RULES } from './default-rules';
import { categorizeByDefinition, ruleMatches } from './reference';
import { patternSource, text } from './regex-arbitraries.test-support';
import { RATINGS, type Activity, type CategoryRating, type Rule } from './types';

const categories = ['A', 'B', 'A > X', 'A > Y', 'B > X', 'A > X > 1', 'A > Y > 2', 'B > X > 3 > z', UNCATEGORIZED] as const;
const realistic = fc.constantFrom(
  'salesforce',
  String.raw`\| Salesforce`,
  'sales',
  'force',
  '^zoom$',
  'zoom (meeting|webinar)',
  'meet',
  'a|b',
  String.raw`\bmail\b`,
  '.*',
  'k',
  'é',
);
const pattern = fc.oneof(patternSource, realistic);

const rules: fc.Arbitrary<Rule[]> = fc
  .array(fc.record({ category: fc.constantFrom(...categories), app: pattern, title: pattern, url: pattern }, { requiredKeys: ['category'] }), { maxLength: 8 })
  .map((drafts) => drafts.map((draft, i) => ({ ...((draft.app ?? draft.title ?? draft.url) ? {} : { title: 'a' }), ...draft, id: `r${i}` })));

const ratings: fc.Arbitrary<CategoryRating[]> = fc
  .uniqueArray(fc.constantFrom(...categories), { maxLength: 4 })
  .chain((cats) => fc.tuple(...cats.map((category) => fc.constantFrom(...RATINGS).map((rating) => ({ category, rating })))));

const field = fc.oneof(
  text,
  fc.constantFrom('Opportunity: Acme | Salesforce - Google Chrome', 'Zoom Meeting', 'zoom', 'SALESFORCE.COM', 'Meet', 'mail', ''),
  fc.string(),
);
const activity: fc.Arbitrary<Activity> = fc.record({ app: field, title: field, url: field }, { requiredKeys: ['app', 'title'] });

describe('categorize (properties)', () => {
  it('is total and deterministic, and picks Uncategorized or the category of a matching rule', () => {
    fc.assert(
      fc.property(rules, ratings, fc.array(activity, { minLength: 1, maxLength: 6 }), (ruleList, ratingList, activities) => {
        const categorizer = compileRules(ruleList, ratingList);
        const again = compileRules(ruleList, ratingList);
        for (const a of activities) {
          const result = categorizer.categorize(a);
          expect(RATINGS).toContain(result.rating);
          expect(categorizer.categorize({ ...a })).toBe(result);
          expect(again.categorize(a)).toEqual(result);
          if (result.ruleId === null) {
            expect(result.category).toBe(UNCATEGORIZED);
            expect(ruleList.some((rule) => ruleMatches(rule, a))).toBe(false);
          } else {
            const rule = categorizer.rules.find((r) => r.id === result.ruleId)!;
            expect(rule.category).toBe(result.category);
            expect(ruleMatches(rule, a)).toBe(true);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('agrees with the plain definition (deepest match, then first listed)', () => {
    fc.assert(
      fc.property(rules, ratings, fc.array(activity, { minLength: 1, maxLength: 6 }), (ruleList, ratingList, activities) => {
        const categorizer = compileRules(ruleList, ratingList);
        for (const a of activities) expect(categorizer.categorize(a)).toEqual(categorizeByDefinition(ruleList, ratingList, a));
      }),
      { numRuns: 600 },
    );
  });

  it("agrees with the plain definition when some rules are preferred (the rep's own over the built-in ones)", () => {
    fc.assert(
      fc.property(
        rules,
        ratings,
        fc.array(activity, { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (ruleList, ratingList, activities, picks) => {
          const preferred = new Set(ruleList.filter((_, i) => picks[i]).map((r) => r.id));
          const categorizer = compileRules(ruleList, ratingList, { preferred });
          for (const a of activities) expect(categorizer.categorize(a)).toEqual(categorizeByDefinition(ruleList, ratingList, a, preferred));
          // Which rules are preferred is part of the fingerprint whenever it can change a result.
          if (preferred.size > 0 && preferred.size < ruleList.length) expect(categorizer.fingerprint).not.toBe(compileRules(ruleList, ratingList).fingerprint);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('agrees with the plain definition on the default rules', () => {
    const categorizer = compileRules(DEFAULT_RULES, DEFAULT_RATINGS);
    const suffix = fc.constantFrom(' - Google Chrome', ' — Mozilla Firefox', '', ' | Salesforce', ' - YouTube', ' / X', ' - Zendesk Talk - Zendesk');
    const brand = fc.constantFrom(
      'Salesforce',
      'Sales Navigator',
      'LinkedIn',
      'HubSpot',
      'Zoom Meeting',
      'Meet - abc-defg-hij',
      'Microsoft Teams',
      'Gmail',
      'Outlook',
      'Calendar',
      'x.com',
      'Reddit',
      'CNN',
    );
    const title = fc.tuple(fc.array(fc.oneof(brand, text), { maxLength: 3 }), suffix).map(([parts, end]) => parts.join(' | ') + end);
    const app = fc.constantFrom('Google-chrome', 'firefox', 'zoom', 'Slack', 'teams-for-linux', 'Microsoft Outlook', 'code', 'steam');
    const url = fc.option(
      fc.constantFrom(
        'https://acme.lightning.force.com/x',
        'https://www.linkedin.com/sales/lead/1',
        'https://x.com/home',
        'https://dropbox.com',
        'https://meet.google.com/abc-defg-hij',
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.record({ app, title, url }), (a) => {
        expect(categorizer.categorize(a)).toEqual(categorizeByDefinition(DEFAULT_RULES, DEFAULT_RATINGS, a));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives equal results for activities with equal keys', () => {
    const categorizer = compileRules(DEFAULT_RULES, DEFAULT_RATINGS);
    fc.assert(
      fc.property(activity, activity, (a, b) => {
        if (activityKey(a) === activityKey(b)) expect(categorizer.categorize(a)).toBe(categorizer.categorize(b));
      }),
    );
  });
});
