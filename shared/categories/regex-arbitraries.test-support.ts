import fc from 'fast-check';
import { patternProblem } from './pattern';

/**
 * fast-check arbitraries for the property tests: small pattern sources in most of the syntax rules
 * use (and some they should not), and texts over a matching alphabet, so that matches are common.
 */

const atoms = [
  'a',
  'b',
  'c',
  'A',
  'B',
  'ab',
  'abc',
  'x',
  'K',
  'é',
  ' ',
  '-',
  '/',
  '|',
  String.raw`\.`,
  String.raw`\-`,
  String.raw`\/`,
  String.raw`\|`,
  '.',
  String.raw`\d`,
  String.raw`\w`,
  String.raw`\s`,
  String.raw`\b`,
  String.raw`\B`,
  String.raw`\x41`,
  String.raw`\u0062`,
  String.raw`\t`,
  String.raw`\1`,
  String.raw`\k<n>`,
  String.raw`\p{L}`,
  String.raw`\cA`,
  String.raw`\c1`,
  String.raw`\0`,
  '[ab]',
  '[^a]',
  '[a-c]',
  String.raw`[A\-]`,
  String.raw`[\d]`,
  '[]',
  '[^]',
  '[-a]',
  '[a-]',
  '[é]',
  '^',
  '$',
  '{',
  '}',
  ']',
  'a{,2}',
  'Ǆ',
  'ſ',
  'İ',
] as const;
const quantifiers = ['', '', '', '', '', '', '?', '*', '+', '{2}', '{0,1}', '{1,}', '*?', '+?'] as const;

const { pattern } = fc.letrec<{ pattern: string; sequence: string; term: string }>((tie) => ({
  pattern: fc.array(tie('sequence'), { minLength: 1, maxLength: 2 }).map((branches) => branches.join('|')),
  sequence: fc.array(tie('term'), { minLength: 1, maxLength: 5 }).map((terms) => terms.join('')),
  // Only atoms take quantifiers: a quantified group such as (a*)* backtracks exponentially on some
  // texts, which made a property run take minutes now and then, not what these tests are about.
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...atoms), fc.constantFrom(...quantifiers)).map(([atom, quantifier]) => atom + quantifier),
    fc.tuple(fc.constantFrom('(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<n>'), tie('pattern')).map(([open, inner]) => `${open}${inner})`),
  ),
}));

/** A pattern source that rules accept (valid JavaScript, and no construct RE2 cannot run). */
export const patternSource = pattern.filter((source) => patternProblem(source) === null);

const pieces = [
  'a',
  'b',
  'c',
  'A',
  'B',
  'C',
  'ab',
  'abc',
  'ABC',
  'x',
  'K',
  'k',
  'é',
  'É',
  ' ',
  '-',
  '/',
  '|',
  '.',
  '1',
  '\t',
  '\x01',
  'İ',
  'ı',
  'ſ',
  's',
  'S',
  'Ǆ',
  'ǆ',
  '\u212a',
  '{',
  '}',
  'p{L}',
  'n>',
] as const;
export const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));
