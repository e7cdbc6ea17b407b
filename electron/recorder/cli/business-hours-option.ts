import { InvalidArgumentError } from 'commander';
import type { BusinessHours } from '../../../shared/sales';

/** `--business-hours 09:00-17:00`: opening and closing time, checked in full by compileBusinessHours. */
export function parseHours(value: string): Pick<BusinessHours, 'start' | 'end'> {
  const m = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected opening-closing time like 09:00-17:00, got "${value}".`);
  return { start: m[1]!.padStart(5, '0'), end: m[2]!.padStart(5, '0') };
}

/** `--business-days 1-5` or `1,2,3,4,5`: ISO weekdays, 1 = Monday … 7 = Sunday. */
export function parseDays(value: string): number[] {
  const days = new Set<number>();
  for (const part of value.split(',')) {
    const m = /^\s*([1-7])\s*(?:-\s*([1-7])\s*)?$/.exec(part);
    if (!m) throw new InvalidArgumentError(`expected weekdays 1 (Monday) to 7 (Sunday) like 1-5 or 1,2,3,4,5, got "${value}".`);
    const first = Number(m[1]);
    const last = Number(m[2] ?? m[1]);
    if (last < first) throw new InvalidArgumentError(`the weekday range ${part.trim()} runs backwards; write it as ${last}-${first}.`);
    for (let d = first; d <= last; d++) days.add(d);
  }
  return [...days].sort();
}
