/** Results shared by every importer: all or nothing, and every problem tied to a line of the file. */

/**
 * What is wrong with a row, as a code and the values its words need (the column, the cell as written), so a view
 * words it in its own language; the English message stays for the CLI. Problems without a code are shown in English.
 */
export const IMPORT_PROBLEM_CODES = [
  'not-duration',
  'not-seconds',
  'not-yes-no',
  'not-date-time',
  'not-date',
  'not-real-date',
  'date-out-of-range',
  'bad-ampm-hour',
  'impossible-time',
  'no-time-of-day',
  'not-amount',
  'not-direction',
  'duplicate-id',
  'empty-id',
  'empty-value',
  'file-empty',
  'duplicate-column',
  'missing-column',
  'field-count',
  'answered-empty',
  'talk-empty',
  'unanswered-with-time',
  'more-problems',
  'not-utf8',
  'odd-utf16',
  'unclosed-quote',
  'after-quote',
  'not-real-date-time',
  'time-in-gap',
  'instant-out-of-range',
  'call-start-out-of-range',
  'call-too-long',
  'empty-date',
  'stage-not-won-lost',
  'close-date-needed',
  'no-answered-column',
  'not-aircall-status',
  'no-answered-at',
  'no-talk-time',
  'answered-outside-call',
  'no-contact-id-column',
  'completion-status-empty',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];
export interface ImportProblem {
  code: ImportProblemCode;
  params: Record<string, string>;
}

export interface ImportError {
  /** 1-based line number in the file (the line a row starts on; 0 for the file as a whole). */
  line: number;
  /** What is wrong and what was expected. */
  message: string;
  /** The same, for a view to word in its language. */
  problem?: ImportProblem;
}

/** At most this many errors are listed; a last entry says how many more there were. */
export const MAX_LISTED_ERRORS = 100;

/** Collects errors in file order, keeping the list readable for a file that is wrong everywhere. */
export class ErrorList {
  private readonly list: ImportError[] = [];
  private extra = 0;
  private firstExtraLine = 0;

  add(line: number, message: string, problem?: ImportProblem): void {
    if (this.list.length < MAX_LISTED_ERRORS) {
      this.list.push(problem === undefined ? { line, message } : { line, message, problem });
    } else {
      if (this.extra === 0) this.firstExtraLine = line;
      this.extra += 1;
    }
  }

  get size(): number {
    return this.list.length + this.extra;
  }

  /** The errors sorted by line (stable), with a summary entry if some were left out. */
  toArray(): ImportError[] {
    const out = [...this.list].sort((a, b) => a.line - b.line);
    if (this.extra > 0) {
      out.push({
        line: this.firstExtraLine,
        message: `${this.extra} more problem${this.extra === 1 ? '' : 's'} from this line on are not listed; fix the ones above and import again.`,
        problem: { code: 'more-problems', params: { count: String(this.extra) } },
      });
    }
    return out;
  }
}
