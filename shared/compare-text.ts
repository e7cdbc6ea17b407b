/**
 * Orders strings by UTF-16 code unit: the same order on every machine, whatever its locale, and no Intl
 * (String#localeCompare builds an ICU collator on first use, more work than a short report's own).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
