// Types for the part of papaparse's browser build that csv.ts uses (see there for why not @types/papaparse).
declare module 'papaparse/papaparse.min.js' {
  /** One record per step. */
  interface PapaStepResult {
    /** The record's fields. */
    data: string[];
    errors: { code: string; index?: number }[];
    /** `cursor`: the offset just past the record and its line break. */
    meta: { cursor: number };
  }
  interface PapaParse {
    parse(
      input: string,
      config: {
        delimiter: string;
        newline: '\n';
        quoteChar: '"';
        escapeChar: '"';
        step: (result: PapaStepResult, parser: { abort(): void }) => void;
      },
    ): void;
    /** Writes CSV (the payroll exports, shared/payroll/formats.ts). */
    unparse(
      input: { fields: string[]; data: string[][] },
      config: { delimiter?: string; newline?: string; quotes?: boolean; escapeFormulae?: boolean | RegExp },
    ): string;
  }
  const Papa: PapaParse;
  export default Papa;
}
