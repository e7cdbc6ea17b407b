import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralScanner, escapeLiteral, trieSource } from './literal-scanner';

function found(scanner: LiteralScanner, value: string): number[] {
  const ids = new Set<number>();
  scanner.scan(value, (hit) => hit.forEach((id) => ids.add(id)));
  return [...ids].sort((a, b) => a - b);
}

describe('LiteralScanner', () => {
  it('finds overlapping literals and literals that are prefixes of others', () => {
    const scanner = new LiteralScanner(
      new Map([
        ['sales', [0]],
        ['salesforce', [1]],
        ['force.com', [2]],
        ['forecast', [3]],
        ['x', [4, 5]],
      ]),
    );
    expect(found(scanner, 'acme.my.SALESFORCE.com')).toEqual([0, 1, 2]);
    expect(found(scanner, 'Salesforecast')).toEqual([0, 3]);
    expect(found(scanner, 'nothing here')).toEqual([]);
    expect(found(scanner, 'X')).toEqual([4, 5]);
  });

  it('builds a trie that matches exactly its literals', () => {
    const source = trieSource(['sales', 'salesforce', 'slack']);
    expect(source).toBe('s(?:ales(?:force)?|lack)');
    expect(new RegExp(`^(?:${source})$`).test('salesforce')).toBe(true);
    expect(new RegExp(`^(?:${source})$`).test('salesf')).toBe(false);
  });

  it('reports exactly the literals that occur (case-insensitively)', () => {
    const literal = fc.stringMatching(/^[abc. |-]{1,4}$/);
    fc.assert(
      fc.property(fc.uniqueArray(literal, { minLength: 1, maxLength: 8 }), fc.stringMatching(/^[abcABC. |-]{0,16}$/), (literals, value) => {
        const scanner = new LiteralScanner(new Map(literals.map((l, i) => [l, [i]])));
        const expected = literals.flatMap((l, i) => (new RegExp(escapeLiteral(l), 'i').test(value) ? [i] : []));
        expect(found(scanner, value)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
