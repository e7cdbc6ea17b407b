import { CodedRefusal } from '../api/refusal';
import type { ImportError } from './result';

/** Problems listed in full before the rest are only counted. */
export const MAX_PROBLEMS_SHOWN = 20;

/**
 * Every bad row of a call log or CRM report with its line number; nothing was written. The message is the CLI's;
 * the params carry the rows' coded problems for the views to word in their language.
 */
export function rejected(file: string, errors: readonly ImportError[]): CodedRefusal {
  const lines = [`Cannot import ${file}: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; nothing was imported.`];
  for (const e of errors.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(e.line > 0 ? `  line ${e.line}: ${e.message}` : `  ${e.message}`);
  if (errors.length > MAX_PROBLEMS_SHOWN) lines.push(`  and ${errors.length - MAX_PROBLEMS_SHOWN} more`);
  return new CodedRefusal('import-rejected', lines.join('\n'), {
    file,
    count: String(errors.length),
    problems: JSON.stringify(errors.slice(0, MAX_PROBLEMS_SHOWN)),
  });
}
