import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLiteral } from './literal-scanner';
import { compilePattern, foldToAscii } from './pattern';
import { patternSource, text } from './regex-arbitraries.test-support';
import { requiredLiterals } from './required-literals';

/** Whether some literal occurs in the text, case-insensitively (as the scanner searches). */
const containsOne = (literals: readonly string[], value: string): boolean =>
  literals.some((literal) => new RegExp(escapeLiteral(literal), 'i').test(foldToAscii(value)));

describe('requiredLiterals', () => {
  it.each([
    ['salesforce', ['salesforce']],
    ['Sales Navigator', ['sales navigator']],
    [String.raw`\| Salesforce\b`, ['| salesforce']],
    [String.raw`lightning\.force\.com|salesforce\.com`, ['lightning.force.com', 'salesforce.com']],
    [String.raw`^zoom(?:\.us)?$`, ['zoom']],
    ['https?://x', ['http://x', 'https://x']],
    ['a.*bcd', ['bcd']],
    ['(?:foo|bar)baz', ['barbaz', 'foobaz']],
    ['[Ss]lack', ['slack']],
    ['(?:ab)+c', ['ab']],
    ['sales|salesforce', ['sales']],
    [String.raw`(a)\1`, ['a']],
  ])('finds what /%s/ needs', (source, expected) => {
    expect(requiredLiterals(source)).toEqual(expected);
  });

  it.each([
    ['.*'],
    [String.raw`\d+`],
    ['a?'],
    ['foo|.*'],
    ['(?=salesforce)'],
    ['[a-z]+'],
    [String.raw`(.)\1`],
    ['é'],
    [String.raw`\x41\x42`],
    ['x{0}'],
    ['(?:salesforce)*'],
  ])('gives no guarantee for /%s/', (source) => {
    expect(requiredLiterals(source)).toBeNull();
  });

  it('reads escapes that are not what they seem literally', () => {
    // Non-Unicode mode: \p{L} is the text "p{L}", \x41 one unknown character, \k<n> a back-reference.
    expect(requiredLiterals(String.raw`\p{Lu}xyz`)).toEqual(['{lu}xyz']);
    expect(requiredLiterals(String.raw`\x41bc`)).toEqual(['bc']);
    expect(requiredLiterals(String.raw`(?<n>a)\k<n>zz`)).toEqual(['zz']);
  });

  it('is sound: whatever a pattern matches contains one of its literals', () => {
    fc.assert(
      fc.property(patternSource, fc.array(text, { minLength: 1, maxLength: 8 }), (source, values) => {
        const literals = requiredLiterals(source);
        if (literals === null) return;
        expect(literals.length).toBeGreaterThan(0);
        const regex = compilePattern(source);
        for (const value of values) if (regex.test(value)) expect(containsOne(literals, value), `/${source}/ on ${JSON.stringify(value)}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is sound on strings generated to match', () => {
    const simple = fc.constantFrom(
      String.raw`\| Salesforce`,
      String.raw`^(?:https?://)?(?:[^/?#]*\.)?(?:force\.com|salesforce\.com)(?:[:/?#]|$)`,
      String.raw`Meet\s*[-–—]\s*[a-z]{3}-[a-z]{4}-[a-z]{3}`,
      String.raw`(?:^|[-–—|]\s*)(?:\(\d+\)\s*)?(?:YouTube|Netflix)(?:\s*[-–—|]|$)`,
      String.raw`@[\w.-]+\.[a-z]{2,}\s*[-–—|]\s*[^-–—|]*Mail(?:\s*[-–—|]|$)`,
    );
    fc.assert(
      fc.property(
        simple.chain((source) => fc.tuple(fc.constant(source), fc.stringMatching(new RegExp(source)))),
        ([source, value]) => {
          expect(containsOne(requiredLiterals(source)!, value)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
