import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { compileRules } from './categorizer';
import { categoryRatingsSchema, parseCategoryRatings, parseRule, parseRules, ruleSchema, rulesSchema } from './schema';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-error: ${String(error)}`);
  }
  throw new Error('did not throw');
}

describe('rule schema', () => {
  it('accepts and normalizes a rule', () => {
    expect(parseRule({ id: 'sf', category: 'Sales>CRM>Salesforce', title: String.raw`\| Salesforce`, app: null })).toEqual({
      id: 'sf',
      category: 'Sales > CRM > Salesforce',
      title: String.raw`\| Salesforce`,
    });
  });

  it('accepts database rows with null for absent patterns', () => {
    const row = { id: 'zoom', category: 'Communication > Meetings > Zoom', app: '^zoom$', title: null, url: null };
    expect(parseRule(row)).toEqual({ id: 'zoom', category: 'Communication > Meetings > Zoom', app: '^zoom$' });
  });

  it('rejects a bad regex with a message naming the rule, the field and the problem', () => {
    const result = ruleSchema().safeParse({ id: 'crm.sf', category: 'Sales > CRM', title: 'Opportunity: (Acme' });
    expect(result.success).toBe(false);
    const message = result.error!.issues[0]!.message;
    expect(message).toContain('Rule "crm.sf"');
    expect(message).toContain('title pattern /Opportunity: (Acme/');
    expect(message).toMatch(/not a valid regular expression \(Unterminated group\)/);
    expect(result.error!.issues[0]!.path).toEqual(['title']);
  });

  it('throws a UserError from parseRules that names each bad rule', () => {
    const error = errorOf(() =>
      parseRules([
        { id: 'ok', category: 'Sales', app: 'salesforce' },
        { id: 'bad-app', category: 'Sales', app: '[a-' },
        { id: 'bad-url', category: 'Sales', url: '*.salesforce.com' },
      ]),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^Invalid rules:\n/);
    expect(error.message).toContain('Rule "bad-app": app pattern /[a-/ cannot be used: it is not a valid regular expression');
    expect(error.message).toContain('Rule "bad-url": url pattern /*.salesforce.com/ cannot be used');
    expect(error.message).toContain('Nothing to repeat');
    expect(error.message).not.toContain('"ok"');
  });

  it('rejects rules without any pattern, with empty patterns, or with a bad category', () => {
    expect(errorOf(() => parseRule({ id: 'all', category: 'Sales' })).message).toContain(
      'Rule "all": gives no app, title or url pattern, so it would match everything',
    );
    expect(errorOf(() => parseRule({ id: 'empty', category: 'Sales', title: '' })).message).toContain(
      'Rule "empty": title pattern // cannot be used: it is empty',
    );
    expect(errorOf(() => parseRule({ id: 'cat', category: 'Sales >  > CRM', app: 'x' })).message).toContain(
      'Rule "cat": category "Sales >  > CRM" is not a path',
    );
  });

  it('names the rule by position when it has no usable id, and reports type errors with their field', () => {
    const message = errorOf(() =>
      parseRules([
        { category: 'Sales', app: 'x' },
        { id: 'typed', category: 'Sales', app: 42 },
      ]),
    ).message;
    expect(message).toContain('Rule #1, id: a rule needs an id');
    expect(message).toContain('Rule "typed", app: a pattern must be a string');
  });

  it('rejects unknown fields (a typo would otherwise be ignored silently)', () => {
    expect(errorOf(() => parseRule({ id: 'typo', category: 'Sales', titel: 'x', app: 'y' })).message).toMatch(/Rule "typo".*titel/);
  });

  it('rejects duplicate ids', () => {
    const result = rulesSchema().safeParse([
      { id: 'a', category: 'Sales', app: 'x' },
      { id: 'a', category: 'Sales', app: 'y' },
    ]);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Rule "a": the id is also used by rule #1; ids must be unique');
  });

  it('makes compileRules refuse bad rules with the same message', () => {
    const error = errorOf(() => compileRules([{ id: 'meet', category: 'Communication', url: 'meet.google.com/(' }]));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('Rule "meet": url pattern /meet.google.com/(/ cannot be used');
  });
});

describe('rating schema', () => {
  it('accepts and normalizes ratings', () => {
    expect(parseCategoryRatings([{ category: 'Sales>CRM', rating: 'productive' }])).toEqual([{ category: 'Sales > CRM', rating: 'productive' }]);
  });

  it('rejects unknown ratings, bad categories and duplicates', () => {
    expect(errorOf(() => parseCategoryRatings([{ category: 'Sales', rating: 'great' }])).message).toContain(
      'Rating "Sales", rating: rating must be one of "productive", "neutral", "unproductive"',
    );
    expect(errorOf(() => parseCategoryRatings([{ category: ' > ', rating: 'neutral' }])).message).toContain('Rating for " > "');
    const duplicate = categoryRatingsSchema().safeParse([
      { category: 'Sales', rating: 'productive' },
      { category: 'Sales ', rating: 'neutral' },
    ]);
    expect(duplicate.error!.issues[0]!.message).toBe('Rating for "Sales": the category is already rated by entry #1');
  });
});
