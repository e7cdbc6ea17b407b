/**
 * Required literals of a regular expression, for pre-filtering: `requiredLiterals(source)` returns
 * lower-case ASCII strings such that every string the pattern matches (with the `i` flag, no `u`)
 * contains at least one of them, or null when no such guarantee could be worked out.
 *
 * The analysis is conservative. Anything it does not understand fully (classes with ranges, escapes
 * of letters and digits, back-references, non-ASCII characters) counts as "matches something
 * unknown", which can only drop literals, never invent them. Lookarounds count as matching "". Only
 * valid patterns should be given (see `patternProblem`); for any other the answer is null.
 *
 * Why ASCII only: without the `u` flag, case-insensitive matching never equates an ASCII character
 * with a non-ASCII one, so a case-insensitive search for the lower-case literal finds exactly the
 * places where the pattern's literal can match.
 */

/** What is known about the strings a piece of a pattern can match. */
interface Info {
  /** Every match is exactly one of these (lower-cased), or null when not known. */
  exact: ReadonlySet<string> | null;
  /** Every match contains at least one of these, or null when there is no guarantee. */
  contains: ReadonlySet<string> | null;
}

const MAX_EXACT = 16;
const MAX_CONTAINS = 64;
const UNKNOWN: Info = { exact: null, contains: null };
const EMPTY: Info = { exact: new Set(['']), contains: null };

export function requiredLiterals(source: string): string[] | null {
  let info: Info;
  try {
    const parser = new Parser(source);
    info = parser.alternation();
    if (parser.pos !== source.length) return null;
  } catch {
    return null;
  }
  const contains = containsOf(info);
  if (contains === null || contains.size === 0) return null;
  // A literal that contains another adds nothing: whatever contains it contains the other too.
  const all = [...contains];
  return all.filter((literal) => !all.some((other) => other !== literal && literal.includes(other))).sort();
}

function exactInfo(exact: ReadonlySet<string>): Info {
  return { exact, contains: exact.has('') ? null : exact };
}

function containsOf(info: Info): ReadonlySet<string> | null {
  if (info.exact !== null) return info.exact.has('') ? null : info.exact;
  return info.contains;
}

/** The more selective of two guarantees: longer shortest literal, then fewer literals. */
function better(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): ReadonlySet<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  const shortest = (s: ReadonlySet<string>): number => Math.min(...[...s].map((x) => x.length));
  const [la, lb] = [shortest(a), shortest(b)];
  if (la !== lb) return la > lb ? a : b;
  return b.size < a.size ? b : a;
}

function cross(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function sequence(items: readonly Info[]): Info {
  let run: ReadonlySet<string> = new Set(['']);
  let exactSoFar = true;
  let best: ReadonlySet<string> | null = null;
  for (const item of items) {
    const joined = item.exact === null ? null : cross(run, item.exact);
    if (joined !== null) {
      run = joined;
      continue;
    }
    exactSoFar = false;
    best = better(best, containsOf(exactInfo(run)));
    if (item.exact !== null) run = item.exact;
    else {
      best = better(best, item.contains);
      run = new Set(['']);
    }
  }
  if (exactSoFar) return exactInfo(run);
  return { exact: null, contains: better(best, containsOf(exactInfo(run))) };
}

function alternatives(branches: readonly Info[]): Info {
  if (branches.length === 1) return branches[0]!;
  let exact: Set<string> | null = new Set();
  let contains: Set<string> | null = new Set();
  for (const branch of branches) {
    if (exact !== null && branch.exact !== null) for (const s of branch.exact) exact.add(s);
    else exact = null;
    const c = containsOf(branch);
    if (contains !== null && c !== null) for (const s of c) contains.add(s);
    else contains = null;
  }
  if (exact !== null && exact.size <= MAX_EXACT) return exactInfo(exact);
  return { exact: null, contains: contains !== null && contains.size <= MAX_CONTAINS ? contains : null };
}

function quantified(atom: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return atom;
  if (min === 0 && max === 1 && atom.exact !== null) return exactInfo(new Set([...atom.exact, '']));
  if (min === 0) return UNKNOWN;
  return { exact: null, contains: containsOf(atom) };
}

const isPrintableAscii = (ch: string): boolean => ch >= ' ' && ch <= '~';
const isAlnum = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);
const literal = (ch: string): Info => (isPrintableAscii(ch) ? exactInfo(new Set([ch.toLowerCase()])) : UNKNOWN);

/** A recursive-descent reader of (valid) JavaScript pattern sources, non-Unicode mode. */
class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  alternation(): Info {
    const branches = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos += 1;
      branches.push(this.sequence());
    }
    return alternatives(branches);
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom();
      items.push(this.quantifier(atom));
    }
    return sequence(items);
  }

  private quantifier(atom: Info): Info {
    const ch = this.src[this.pos];
    let min: number;
    let max: number;
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (m === null) return atom; // a literal "{" follows; it is read as the next atom
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos += 1;
    if (this.src[this.pos] === '?') this.pos += 1; // lazy
    return quantified(atom, min, max);
  }

  private atom(): Info {
    const ch = this.src[this.pos]!;
    switch (ch) {
      case '^':
      case '$':
        this.pos += 1;
        return EMPTY;
      case '.':
        this.pos += 1;
        return UNKNOWN;
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      default:
        this.pos += 1;
        return literal(ch);
    }
  }

  private group(): Info {
    const rest = this.src.slice(this.pos, this.pos + 4);
    let kind: 'capture' | 'look' | 'other';
    if (rest.startsWith('(?:')) [kind, this.pos] = ['capture', this.pos + 3];
    else if (rest.startsWith('(?=') || rest.startsWith('(?!')) [kind, this.pos] = ['look', this.pos + 3];
    else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) [kind, this.pos] = ['look', this.pos + 4];
    else if (rest.startsWith('(?<')) {
      const close = this.src.indexOf('>', this.pos);
      if (close < 0) throw new Error('unterminated group name');
      [kind, this.pos] = ['capture', close + 1];
    } else if (rest.startsWith('(?')) {
      const colon = this.src.indexOf(':', this.pos);
      if (colon < 0) throw new Error('unknown group');
      [kind, this.pos] = ['other', colon + 1];
    } else [kind, this.pos] = ['capture', this.pos + 1];
    const inner = this.alternation();
    if (this.src[this.pos] !== ')') throw new Error('unterminated group');
    this.pos += 1;
    return kind === 'capture' ? inner : kind === 'look' ? EMPTY : UNKNOWN;
  }

  private characterClass(): Info {
    this.pos += 1;
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos += 1;
    }
    const chars: string[] = [];
    let understood = true;
    // In JavaScript a "]" right after "[" or "[^" closes the class (an empty class).
    while (this.src[this.pos] !== ']') {
      const ch = this.src[this.pos];
      if (ch === undefined) throw new Error('unterminated class');
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw new Error('trailing backslash');
        if (!isAlnum(next) && isPrintableAscii(next)) chars.push(next);
        else understood = false; // \d, \w, \b (backspace here), \x41, \cA, \0…: not worked out
        this.pos += 2;
        continue;
      }
      if (ch === '-' && chars.length > 0 && this.src[this.pos + 1] !== ']') understood = false; // a range
      if (isPrintableAscii(ch)) chars.push(ch);
      else understood = false;
      this.pos += 1;
    }
    this.pos += 1;
    if (negated || !understood || chars.length === 0) return UNKNOWN;
    const set = new Set(chars.map((c) => c.toLowerCase()));
    return set.size <= MAX_EXACT ? exactInfo(set) : UNKNOWN;
  }

  private escape(): Info {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Error('trailing backslash');
    if (next === 'b' || next === 'B') {
      this.pos += 2;
      return EMPTY;
    }
    if (/[0-9]/.test(next)) {
      // A back-reference or a legacy octal escape: swallow every digit, match unknown.
      this.pos += 1;
      while (/[0-9]/.test(this.src[this.pos] ?? '')) this.pos += 1;
      return UNKNOWN;
    }
    if (next === 'k' && this.src[this.pos + 2] === '<') {
      const close = this.src.indexOf('>', this.pos);
      this.pos = close < 0 ? this.pos + 2 : close + 1;
      return UNKNOWN;
    }
    if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(this.src.slice(this.pos + 2, this.pos + 4))) {
      this.pos += 4;
      return UNKNOWN;
    }
    if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.src.slice(this.pos + 2, this.pos + 6))) {
      this.pos += 6;
      return UNKNOWN;
    }
    if (next === 'c' && /^[A-Za-z]$/.test(this.src[this.pos + 2] ?? '')) {
      this.pos += 3;
      return UNKNOWN;
    }
    this.pos += 2;
    // "\." "\/" "\-" "\|": the character itself. "\d" "\s" "\w" "\n" "\p"…: not worked out.
    return isAlnum(next) ? UNKNOWN : literal(next);
  }
}
