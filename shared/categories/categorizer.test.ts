import { describe, expect, it } from 'vitest';
import { activityKey, compileRules } from './categorizer';
import type { CategoryRating, Rule } from './types';

const chrome = (title: string): { app: string; title: string } => ({ app: 'Google-chrome', title: `${title} - Google Chrome` });

describe('compileRules: deepest match wins', () => {
  const rules: Rule[] = [
    { id: 'linkedin', category: 'Social > LinkedIn', title: String.raw`\| LinkedIn\b` },
    { id: 'browser', category: 'Browsing', app: 'chrome' },
    { id: 'navigator', category: 'Sales > Prospecting > Sales Navigator', title: 'Sales Navigator' },
  ];
  const categorizer = compileRules(rules);

  it('picks the matching rule whose category has the most segments, wherever it is listed', () => {
    const result = categorizer.categorize(chrome('Jane Doe | Sales Navigator | LinkedIn'));
    expect(result.category).toBe('Sales > Prospecting > Sales Navigator');
    expect(result.ruleId).toBe('navigator');
  });

  it('falls back to shallower matches when deeper ones do not match', () => {
    expect(categorizer.categorize(chrome('Feed | LinkedIn')).category).toBe('Social > LinkedIn');
    expect(categorizer.categorize(chrome('New Tab')).category).toBe('Browsing');
  });

  it('sends unmatched activity to Uncategorized, neutral, with no rule', () => {
    expect(categorizer.categorize({ app: 'gnome-terminal-server', title: 'jane@laptop: ~' })).toEqual({
      category: 'Uncategorized',
      rating: 'neutral',
      ruleId: null,
    });
  });
});

describe('compileRules: ties by rule order', () => {
  it('lets the first listed rule win between matching rules of equal depth', () => {
    const first: Rule = { id: 'calendar', category: 'Communication > Calendar', title: '^Calendar' };
    const second: Rule = { id: 'email', category: 'Communication > Email', title: 'Outlook' };
    const window = chrome('Calendar - Jane Doe - Outlook');
    expect(compileRules([first, second]).categorize(window).ruleId).toBe('calendar');
    expect(compileRules([second, first]).categorize(window).ruleId).toBe('email');
  });

  it('keeps order among many equal-depth rules and ignores non-matching earlier ones', () => {
    const rules: Rule[] = [
      { id: 'a', category: 'X > A', title: 'nomatch' },
      { id: 'b', category: 'X > B', title: 'acme' },
      { id: 'c', category: 'X > C', title: 'corp' },
    ];
    expect(compileRules(rules).categorize({ app: 'x', title: 'Acme Corp' }).ruleId).toBe('b');
  });
});

describe('compileRules: matching', () => {
  it('is case-insensitive in both directions', () => {
    const categorizer = compileRules([
      { id: 'sf', category: 'Sales > CRM > Salesforce', title: 'salesforce' },
      { id: 'zoom', category: 'Meetings > Zoom', app: '^ZOOM$' },
    ]);
    expect(categorizer.categorize({ app: 'x', title: 'SALESFORCE' }).ruleId).toBe('sf');
    expect(categorizer.categorize({ app: 'x', title: 'SalesForce' }).ruleId).toBe('sf');
    expect(categorizer.categorize({ app: 'zoom', title: '' }).ruleId).toBe('zoom');
    expect(categorizer.categorize({ app: 'Zoom', title: '' }).ruleId).toBe('zoom');
  });

  it('needs every field a rule gives to match', () => {
    const categorizer = compileRules([{ id: 'chrome-docs', category: 'Docs', app: 'chrome', title: 'Google Docs' }]);
    expect(categorizer.categorize({ app: 'Google-chrome', title: 'Plan - Google Docs' }).ruleId).toBe('chrome-docs');
    expect(categorizer.categorize({ app: 'firefox', title: 'Plan - Google Docs' }).ruleId).toBeNull();
    expect(categorizer.categorize({ app: 'Google-chrome', title: 'Plan - Word' }).ruleId).toBeNull();
  });

  it('never matches a url pattern without a url', () => {
    const categorizer = compileRules([
      { id: 'any-url', category: 'Web', url: '.*' },
      { id: 'meet', category: 'Meetings > Meet', url: String.raw`meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}` },
    ]);
    expect(categorizer.categorize({ app: 'chrome', title: 'Meet' }).ruleId).toBeNull();
    expect(categorizer.categorize({ app: 'chrome', title: 'Meet', url: '' }).ruleId).toBeNull();
    expect(categorizer.categorize({ app: 'chrome', title: 'Meet', url: 'https://meet.google.com/abc-defg-hij' }).ruleId).toBe('meet');
    expect(categorizer.categorize({ app: 'chrome', title: 'Meet', url: 'https://example.com' }).ruleId).toBe('any-url');
  });

  it('tests rules without a required literal on every call', () => {
    const categorizer = compileRules([
      { id: 'short-title', category: 'Short', title: String.raw`^\w{1,3}$` },
      { id: 'three-words', category: 'A > B', title: String.raw`^\w+ \w+ \w+$` },
    ]);
    expect(categorizer.categorize({ app: 'x', title: 'abc' }).ruleId).toBe('short-title');
    expect(categorizer.categorize({ app: 'x', title: 'Weekly sales report' }).ruleId).toBe('three-words');
    expect(categorizer.categorize({ app: 'x', title: 'abcd' }).ruleId).toBeNull();
  });

  it('finds rules whose literals overlap or are prefixes of one another', () => {
    const categorizer = compileRules([
      { id: 'sales', category: 'Sales', title: 'sales' },
      { id: 'salesforce', category: 'Sales > CRM', title: 'salesforce' },
      { id: 'force-com', category: 'Sales > CRM > Salesforce', title: String.raw`force\.com` },
      { id: 'forecast', category: 'Planning > Forecast > Q3', title: 'forecast' },
    ]);
    expect(categorizer.categorize({ app: 'x', title: 'Sales team' }).ruleId).toBe('sales');
    expect(categorizer.categorize({ app: 'x', title: 'Salesforce' }).ruleId).toBe('salesforce');
    expect(categorizer.categorize({ app: 'x', title: 'acme.my.salesforce.com' }).ruleId).toBe('force-com');
    expect(categorizer.categorize({ app: 'x', title: 'salesforecast' }).ruleId).toBe('forecast');
  });
});

describe('compileRules: ratings', () => {
  const rules: Rule[] = [
    { id: 'sf', category: 'Sales > CRM > Salesforce', title: 'Salesforce' },
    { id: 'hub', category: 'Sales > CRM > HubSpot', title: 'HubSpot' },
    { id: 'nav', category: 'Sales > Prospecting', title: 'Sales Navigator' },
    { id: 'yt', category: 'Fun > Video > YouTube', title: 'YouTube' },
    { id: 'other', category: 'Other', title: 'other' },
  ];
  const ratings: CategoryRating[] = [
    { category: 'Sales', rating: 'productive' },
    { category: 'Sales > CRM > HubSpot', rating: 'neutral' },
    { category: 'Fun', rating: 'unproductive' },
  ];
  const categorizer = compileRules(rules, ratings);

  it('inherits the nearest rated ancestor, and a category’s own rating wins', () => {
    expect(categorizer.categorize({ app: 'x', title: 'Salesforce' }).rating).toBe('productive');
    expect(categorizer.categorize({ app: 'x', title: 'Sales Navigator' }).rating).toBe('productive');
    expect(categorizer.categorize({ app: 'x', title: 'HubSpot' }).rating).toBe('neutral');
    expect(categorizer.categorize({ app: 'x', title: 'YouTube' }).rating).toBe('unproductive');
  });

  it('is neutral without any rating on the path, and for Uncategorized', () => {
    expect(categorizer.categorize({ app: 'x', title: 'other' }).rating).toBe('neutral');
    expect(categorizer.categorize({ app: 'x', title: 'nothing' }).rating).toBe('neutral');
  });

  it('rates any path, including ones no rule produces', () => {
    expect(categorizer.ratingOf('Sales > CRM')).toBe('productive');
    expect(categorizer.ratingOf('Sales > CRM > HubSpot > Reports')).toBe('neutral');
    expect(categorizer.ratingOf('Fun')).toBe('unproductive');
    expect(categorizer.ratingOf('Nowhere > Else')).toBe('neutral');
  });

  it('honours an explicit rating for Uncategorized', () => {
    const strict = compileRules(rules, [{ category: 'Uncategorized', rating: 'unproductive' }]);
    expect(strict.categorize({ app: 'x', title: 'nothing' })).toEqual({ category: 'Uncategorized', rating: 'unproductive', ruleId: null });
  });
});

describe('compileRules: memo-friendly', () => {
  const rules: Rule[] = [{ id: 'sf', category: 'Sales>CRM', title: 'Salesforce' }];

  it('returns the same frozen object for the same outcome', () => {
    const categorizer = compileRules(rules);
    const a = categorizer.categorize({ app: 'x', title: 'Salesforce' });
    const b = categorizer.categorize({ app: 'y', title: 'Home | Salesforce' });
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.category).toBe('Sales > CRM');
  });

  it('exposes normalized rules and a fingerprint that changes exactly when the outcome could', () => {
    const base = compileRules(rules, [
      { category: 'Sales', rating: 'productive' },
      { category: 'Fun', rating: 'unproductive' },
    ]);
    expect(base.rules).toEqual([{ id: 'sf', category: 'Sales > CRM', title: 'Salesforce' }]);
    expect(base.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const reorderedRatings = compileRules(rules, [
      { category: 'Fun', rating: 'unproductive' },
      { category: 'Sales', rating: 'productive' },
    ]);
    expect(reorderedRatings.fingerprint).toBe(base.fingerprint);
    const changedRule = compileRules([{ id: 'sf', category: 'Sales > CRM', title: 'Salesforce|SFDC' }], base.ratings);
    expect(changedRule.fingerprint).not.toBe(base.fingerprint);
    const changedRating = compileRules(rules, [{ category: 'Sales', rating: 'neutral' }]);
    expect(changedRating.fingerprint).not.toBe(base.fingerprint);
  });

  it('keys activities unambiguously, treating an absent and an empty url alike', () => {
    expect(activityKey({ app: 'a', title: 'b' })).toBe(activityKey({ app: 'a', title: 'b', url: '' }));
    expect(activityKey({ app: 'a b', title: '' })).not.toBe(activityKey({ app: 'a', title: 'b' }));
    expect(activityKey({ app: 'a', title: 'b', url: 'c' })).not.toBe(activityKey({ app: 'a', title: 'bc' }));
  });
});
