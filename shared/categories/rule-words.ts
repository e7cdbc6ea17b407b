import { titleSegment, urlHost } from './default-rules';
import { RULE_FIELDS, type Rule, type RuleField } from './types';

/**
 * A rule as a person reads it: "title contains YouTube and training" rather than `/YouTube.*training/`.
 * Only patterns made of plain text, `.*` between parts, `^`, `$`, `\b` and one level of alternatives
 * (`a|b`, `^(?:a|b)$`) are put in words; anything else is shown as its regular expression. Data, not
 * words: the views and the CLI word it in their language.
 */

/** One way a field may read: the parts appear in this order; `start`/`end`: at the start or end of the field. */
export interface WordsAlternative {
  parts: string[];
  start: boolean;
  end: boolean;
}

/**
 * `segment`: the title has one of `names` as a part between separators ("Pipeline | Salesforce"), the built-in
 * rules' `titleSegment`; `site`: the address is on one of `hosts` or a subdomain, their `urlHost`.
 */
export type FieldWords =
  | { field: RuleField; kind: 'words'; anyOf: WordsAlternative[] }
  | { field: RuleField; kind: 'segment'; names: string[] }
  | { field: RuleField; kind: 'site'; names: string[] }
  | { field: RuleField; kind: 'regex'; source: string };

/** Every field the rule gives, in RULE_FIELDS order; all of them must match. */
export function ruleWords(rule: Pick<Rule, RuleField>): FieldWords[] {
  const out: FieldWords[] = [];
  for (const field of RULE_FIELDS) {
    const source = rule[field];
    if (source === undefined) continue;
    const segment = namesIn(source, titleSegment);
    const site = namesIn(source, urlHost);
    const anyOf = patternWords(source);
    if (segment !== null) out.push({ field, kind: 'segment', names: segment });
    else if (site !== null) out.push({ field, kind: 'site', names: site });
    else out.push(anyOf === null ? { field, kind: 'regex', source } : { field, kind: 'words', anyOf });
  }
  return out;
}

/** The names a pattern made by `make` (titleSegment, urlHost) was made of, when they are plain; else null. */
function namesIn(source: string, make: (names: string) => string): string[] | null {
  const [before, after] = make('\u0000').split('\u0000') as [string, string];
  if (!source.startsWith(before) || !source.endsWith(after) || source.length <= before.length + after.length) return null;
  // Optional tails such as "Apollo(?:\.io)?" read as the name without them.
  const middle = source.slice(before.length, source.length - after.length).replace(/\(\?:[^()]*\)\?/g, '');
  const words = patternWords(middle);
  if (words === null || words.some((w) => w.start || w.end || w.parts.length !== 1)) return null;
  return words.map((w) => w.parts[0]!);
}

/** The alternatives a simple pattern stands for, or null when it is not simple enough to put in words. */
export function patternWords(source: string): WordsAlternative[] | null {
  let body = source;
  let start = false;
  let end = false;
  if (body.startsWith('^')) {
    start = true;
    body = body.slice(1);
  }
  if (body.endsWith('$') && !body.endsWith('\\$')) {
    end = true;
    body = body.slice(0, -1);
  }
  body = stripWordBoundaries(body);
  // One group around everything: ^(?:a|b)$
  const group = /^\((?:\?:)?([\s\S]*)\)$/.exec(body);
  if (group && !/[()]/.test(group[1]!.replace(/\\[()]/g, ''))) body = stripWordBoundaries(group[1]!);
  const alternatives = splitUnescaped(body, '|');
  if (alternatives === null) return null;
  const out: WordsAlternative[] = [];
  for (const alternative of alternatives) {
    const pieces = splitSeparators(stripWordBoundaries(alternative));
    if (pieces === null) return null;
    const parts = pieces.map(unescapeLiteral);
    if (parts.some((p) => p === null || p === '')) return null;
    out.push({ parts: parts as string[], start, end });
  }
  return out.length > 0 ? out : null;
}

/**
 * A window text a simple pattern matches (its first alternative, parts joined by spaces), or null. Used to
 * try a new rule against the others before any window of the kind was recorded.
 */
export function sampleText(source: string): string | null {
  const words = patternWords(source);
  return words === null ? null : words[0]!.parts.join(' ');
}

function stripWordBoundaries(text: string): string {
  let out = text;
  while (out.startsWith('\\b')) out = out.slice(2);
  while (out.endsWith('\\b') && !out.endsWith('\\\\b')) out = out.slice(0, -2);
  return out;
}

/** Splits at unescaped `sep` outside groups; null when the text has groups or classes (not simple). */
function splitUnescaped(text: string, sep: string): string[] | null {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\\') {
      current += text.slice(i, i + 2);
      i += 1;
    } else if (ch === sep) {
      out.push(current);
      current = '';
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      return null;
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Splits at `.*`, `.+`, `.*?`, `.+?` (anything between), keeping escapes; null on another metacharacter. */
function splitSeparators(text: string): string[] | null {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '\\') {
      current += text.slice(i, i + 2);
      i += 1;
    } else if (ch === '.' && (text[i + 1] === '*' || text[i + 1] === '+')) {
      out.push(current);
      current = '';
      i += text[i + 2] === '?' ? 2 : 1;
    } else current += ch;
  }
  out.push(current);
  return out;
}

const META = new Set(['.', '*', '+', '?', '{', '}', '^', '$', '|']);
const ESCAPABLE = new Set(['.', '*', '+', '?', '{', '}', '(', ')', '[', ']', '^', '$', '|', '\\', '/', '-', ' ', ':', '#', '&', '@', '!', ',', "'", '"']);

/** The plain text a literal pattern piece matches, or null when it uses regex syntax. */
function unescapeLiteral(piece: string): string | null {
  let out = '';
  for (let i = 0; i < piece.length; i += 1) {
    const ch = piece[i]!;
    if (ch === '\\') {
      const next = piece[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) return null;
      out += next;
      i += 1;
    } else if (META.has(ch)) return null;
    else out += ch;
  }
  return out.trim() === '' ? null : out;
}
