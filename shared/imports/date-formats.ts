/** Date orders CRM report exports use, following the exporting user's locale (a module of its own so the CLI's options load no parser). */
export type DateFormat = 'MM/dd/yyyy' | 'dd/MM/yyyy' | 'yyyy-MM-dd' | 'dd.MM.yyyy';
export const DATE_FORMATS: readonly DateFormat[] = ['MM/dd/yyyy', 'dd/MM/yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy'];
