/**
 * Rule patterns are JavaScript regular-expression sources compiled with the `i` flag only: matched
 * case-insensitively, anywhere in the field (no implicit anchors), without Unicode mode (so the
 * lenient, familiar syntax works: `\-`, `\/`, a lone `{`).
 */
export const PATTERN_FLAGS = 'i';

export function compilePattern(source: string): RegExp {
  return new RegExp(source, PATTERN_FLAGS);
}

/** Why a pattern source cannot be used, in words, or null when it compiles. */
export function patternProblem(source: string): string | null {
  if (source === '') return 'it is empty (leave the field out to match anything)';
  try {
    compilePattern(source);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "Invalid regular expression: /(a/i: Unterminated group"; keep the reason.
    const reason = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    return `it is not a valid regular expression (${reason})`;
  }
}
