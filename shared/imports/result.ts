/** Results shared by every importer: all or nothing, and every problem tied to a line of the file. */

export interface ImportError {
  /** 1-based line number in the file (the line a row starts on; 0 for the file as a whole). */
  line: number;
  /** What is wrong and what was expected. */
  message: string;
}

/** At most this many errors are listed; a last entry says how many more there were. */
export const MAX_LISTED_ERRORS = 100;

/** Collects errors in file order, keeping the list readable for a file that is wrong everywhere. */
export class ErrorList {
  private readonly list: ImportError[] = [];
  private extra = 0;
  private firstExtraLine = 0;

  add(line: number, message: string): void {
    if (this.list.length < MAX_LISTED_ERRORS) {
      this.list.push({ line, message });
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
      });
    }
    return out;
  }
}
