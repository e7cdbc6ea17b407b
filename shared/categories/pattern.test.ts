import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from './categorizer';
import { compilePattern, patternProblem } from './pattern';
import { patternSource, text } from './regex-arbitraries.test-support';
import { parseRule } from './schema';

describe('rule patterns', () => {
  it('match a catastrophic pattern against a crafted window title (a backtracking engine takes seconds)', () => {
    const title = `${'a'.repeat(33)}b`;
    const categorizer = compileRules([{ id: 'nested', category: 'Trap', title: '^(a+)+$' }]);
    expect(categorizer.categorize({ app: 'chrome', title }).ruleId).toBeNull();
    expect(categorizer.categorize({ app: 'chrome', title: 'a'.repeat(33) }).ruleId).toBe('nested');
  });

  it.each([
    ['(?=.*report)weekly', '(?= (a lookahead)'],
    ['(?!draft)memo', '(?! (a lookahead)'],
    ['(?<=Re: )offer', '(?<= (a lookbehind)'],
    ['(?<!Fwd: )offer', '(?<! (a lookbehind)'],
    [String.raw`(a)\1`, String.raw`\1 (a back-reference)`],
    [String.raw`(?<q>a)\k<q>`, String.raw`\k (a named back-reference)`],
  ])('refuses /%s/, naming the construct', (source, construct) => {
    expect(patternProblem(source)).toBe(
      `it uses ${construct}; rules are matched in linear time, which cannot run lookarounds or back-references: rewrite it without`,
    );
  });

  it('refuses such a pattern when a rule is added, naming the rule', () => {
    expect(() => parseRule({ id: 'crm', category: 'Sales', title: String.raw`(\w+) \1` })).toThrow(
      /Rule "crm": title pattern \/\(\\w\+\) \\1\/ cannot be used: it uses \\1 \(a back-reference\)/,
    );
  });

  it('reads the JavaScript syntax rules use as JavaScript does', () => {
    const cases: [string, string, boolean][] = [
      [String.raw`\p{L}`, 'p{L}', true],
      [String.raw`\p{L}`, 'x', false],
      [String.raw`a\sb`, 'a\u00a0b', true],
      ['a.b', 'a\rb', false],
      ['[^]', '\n', true],
      ['x[]', 'x', false],
      ['[[:alpha:]]', 'b', false],
      ['[[:alpha:]]', ':]', true],
      [String.raw`\u0062c`, 'BC', true],
      ['(?<n>zoom) meeting', 'Zoom Meeting', true],
      ['a{,2}', 'a{,2}', true],
      [String.raw`\c1`, '\\c1', true],
    ];
    for (const [source, value, expected] of cases) {
      expect(patternProblem(source), source).toBeNull();
      expect(compilePattern(source).test(value), `/${source}/ on ${JSON.stringify(value)}`).toBe(expected);
      expect(new RegExp(source, 'i').test(value), `JavaScript: /${source}/ on ${JSON.stringify(value)}`).toBe(expected);
    }
  });

  it('agrees with JavaScript on generated patterns and texts (apart from the Kelvin sign and the long s)', () => {
    fc.assert(
      fc.property(
        patternSource.filter((source) => !source.includes(String.raw`\S`) && !/[\u212a\u017f]/.test(source)),
        fc.array(text, { minLength: 1, maxLength: 8 }),
        (source, values) => {
          const re2 = compilePattern(source);
          const js = new RegExp(source, 'i');
          for (const value of values.filter((v) => !/[\u212a\u017f]/.test(v))) {
            expect(re2.test(value), `/${source}/ on ${JSON.stringify(value)}`).toBe(js.test(value));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
