import { RE2JS } from 're2js';

/**
 * Rule patterns are JavaScript regular-expression sources, read as with the `i` flag only:
 * case-insensitive, anywhere in the field (no implicit anchors), without Unicode mode (so the
 * lenient, familiar syntax works: `\-`, `\/`, a lone `{`).
 *
 * They are matched with RE2 (re2js), whose time is linear in the text: window titles come from any
 * web page, and a backtracking engine can spend minutes on `^(a+)+$` against "aaa…b". So the
 * constructs only a backtracking engine can run (lookarounds, back-references) are refused.
 * `toRe2Source` rewrites the JavaScript source so that RE2 reads it as JavaScript would: `.` and
 * `\s` keep their JavaScript sets, identity escapes (`\p`, `\a`, `\Q`) stay the plain letters.
 * Two differences remain: RE2 folds case by Unicode, so `k` also matches the Kelvin sign and `s`
 * the long s (the literal pre-filter allows for it, see `foldToAscii`), and `\S` inside a class
 * is RE2's narrower whitespace's complement.
 */
export const PATTERN_FLAGS = 'i';

/** A compiled rule pattern: whether it matches anywhere in a text. */
export interface RulePattern {
  test(text: string): boolean;
}

/** Compile a pattern that `patternProblem` accepts; throws a RangeError naming the construct otherwise. */
export function compilePattern(source: string): RulePattern {
  const known = compiled.get(source);
  if (known !== undefined) return known;
  const translated = toRe2Source(source);
  if (!translated.ok) throw new RangeError(`Pattern /${source}/ ${translated.problem}`);
  const pattern = RE2JS.compile(translated.source, RE2JS.CASE_INSENSITIVE);
  // RE2 compiles several times slower than RegExp, and validation compiles each pattern first: remember a few.
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  compiled.set(source, pattern);
  return pattern;
}

const compiled = new Map<string, RulePattern>();
const COMPILED_LIMIT = 2048;

/**
 * Why a pattern source cannot be used, as a kind the views word (empty; not a regular expression, with the
 * engine's `reason`; a `construct` RE2 cannot run; too slow to match) and in English words, or null.
 */
export type PatternIssue = { kind: 'empty' | 'invalid' | 'unsupported' | 'not-linear'; construct: string; reason: string; message: string };

/** Why a pattern source cannot be used, in words, or null when it compiles. */
export function patternProblem(source: string): string | null {
  return patternIssue(source)?.message ?? null;
}

export function patternIssue(source: string): PatternIssue | null {
  const issue = (kind: PatternIssue['kind'], message: string, construct = '', reason = ''): PatternIssue => ({ kind, construct, reason, message });
  if (source === '') return issue('empty', 'it is empty (leave the field out to match anything)');
  try {
    new RegExp(source, PATTERN_FLAGS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "Invalid regular expression: /(a/i: Unterminated group"; keep the reason.
    const reason = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    return issue('invalid', `it is not a valid regular expression (${reason})`, '', reason);
  }
  const translated = toRe2Source(source);
  if (!translated.ok) return issue('unsupported', translated.problem, translated.construct);
  try {
    compilePattern(source);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return issue('not-linear', `it cannot be matched in linear time (${message}); rewrite it with plain groups, classes and repeats`, '', message);
  }
}

type Translation = { ok: true; source: string } | { ok: false; problem: string; construct: string };

const LINEAR = 'rules are matched in linear time, which cannot run';
const refused = (construct: string, what: string): Translation => ({
  ok: false,
  construct,
  problem: `it uses ${construct} (${what}); ${LINEAR} lookarounds or back-references: rewrite it without`,
});

// JavaScript's \s: ASCII whitespace, no-break spaces, the Unicode space separators, line separators, BOM.
const JS_SPACE = String.raw`\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`;
const JS_DOT = String.raw`[^\n\r\x{2028}\x{2029}]`;
const ANY = String.raw`[\x{0}-\x{10ffff}]`;
const NOTHING = String.raw`[^\x{0}-\x{10ffff}]`;
const HEX = /^[0-9a-fA-F]$/;
const isHex = (text: string): boolean => [...text].every((ch) => HEX.test(ch));
const hexEscape = (code: number): string => `\\x{${code.toString(16)}}`;

/**
 * The RE2 source that matches what a valid JavaScript (non-Unicode) pattern matches, or the
 * construct RE2 cannot run. One pass over the source, tracking whether it is inside a class.
 */
function toRe2Source(source: string): Translation {
  const namedGroups = /\(\?<[^=!]/.test(source);
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i += 2;
      if (next >= '1' && next <= '9') return refused(`\\${next}`, inClass ? 'an octal escape' : 'a back-reference');
      if (next === '0') {
        if (/[0-9]/.test(source[i] ?? '')) return refused(`\\0${source[i]}`, 'an octal escape');
        out += hexEscape(0);
      } else if (next === 'k' && namedGroups) return refused('\\k', 'a named back-reference');
      else if (next === 'c') {
        const letter = source[i] ?? '';
        if (/[a-zA-Z]/.test(letter) || (inClass && /[0-9_]/.test(letter))) {
          out += hexEscape(letter.charCodeAt(0) % 32);
          i += 1;
        } else out += String.raw`\\c`; // JavaScript reads a lone \c as a backslash and a c.
      } else if (next === 'x' && source.length >= i + 2 && isHex(source.slice(i, i + 2))) {
        out += hexEscape(parseInt(source.slice(i, i + 2), 16));
        i += 2;
      } else if (next === 'u' && source.length >= i + 4 && isHex(source.slice(i, i + 4))) {
        out += hexEscape(parseInt(source.slice(i, i + 4), 16));
        i += 4;
      } else if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S') out += inClass ? String.raw`\S` : `[^${JS_SPACE}]`;
      else if (next === 'b') out += inClass ? hexEscape(8) : String.raw`\b`;
      else if (next === 'B') out += inClass ? 'B' : String.raw`\B`;
      else if ('dDwWnrtfv'.includes(next)) out += `\\${next}`;
      else if (/[a-zA-Z]/.test(next))
        out += next; // an identity escape: \p, \a, \Q… are the letters
      else if (/[!-/:-@[-`{-~]/.test(next))
        out += `\\${next}`; // escaped ASCII punctuation
      else {
        // Any other character escapes to itself (a whole surrogate pair when it is one).
        const code = source.codePointAt(i - 1) ?? 0;
        out += hexEscape(code);
        if (code > 0xffff) i += 1;
      }
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch === '[' ? '\\[' : ch; // RE2 would read "[:alpha:]" inside a class as a POSIX class
      i += 1;
      continue;
    }
    if (ch === '[') {
      if (source.startsWith('[^]', i)) {
        out += ANY;
        i += 3;
      } else if (source.startsWith('[]', i)) {
        out += NOTHING;
        i += 2;
      } else {
        inClass = true;
        const negated = source[i + 1] === '^';
        out += negated ? '[^' : '[';
        i += negated ? 2 : 1;
      }
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) return refused(`(?${rest[0]}`, 'a lookahead');
      if (rest.startsWith('<=') || rest.startsWith('<!')) return refused(`(?${rest.slice(0, 2)}`, 'a lookbehind');
      const named = /^<[^>]*>/.exec(rest);
      if (named !== null) {
        out += '(?:';
        i += 2 + named[0].length;
        continue;
      }
    }
    out += ch === '.' ? JS_DOT : ch;
    i += 1;
  }
  return { ok: true, source: out };
}

/**
 * Case folding that RE2 applies and JavaScript's non-Unicode `i` does not: the Kelvin sign is a k,
 * the long s an s. Texts are folded before the ASCII literal pre-filter searches them.
 */
export function foldToAscii(text: string): string {
  return FOLDS_TO_ASCII.test(text) ? text.replace(/\u212a/g, 'k').replace(/\u017f/g, 's') : text;
}

const FOLDS_TO_ASCII = /[\u212a\u017f]/;
