import { DateTime } from 'luxon';

/** Numbers, durations, dates and times in one locale, all through Intl (luxon only for zone arithmetic). */
export interface Formatters {
  readonly locale: string;
  /** "3h 45m", "3小时45分钟"; under a minute "40s"; zero "0m". With `precise`, under an hour keeps seconds: "4m 35s", "0s". */
  duration(seconds: number, precise?: boolean): string;
  /** A running timer: "1:02:03". */
  clock(seconds: number): string;
  /** 0.723 → "72%"; null → "—". */
  percent(ratio: number | null, digits?: number): string;
  number(value: number | null, maxFractionDigits?: number): string;
  money(amount: number | null, currency?: string): string;
  /** "09:30" in the zone. */
  time(ms: number, zone: string): string;
  /** "Mon, Mar 2, 09:30" in the zone. */
  dateTime(ms: number, zone: string): string;
  /** A calendar date (YYYY-MM-DD): "Mon, Mar 2". */
  date(iso: string): string;
  /** "Monday, March 2, 2026". */
  longDate(iso: string): string;
  /** "Mar 2 – 8, 2026". */
  dateRange(from: string, to: string): string;
  /** "Mon". */
  weekday(iso: string): string;
  /** An hour of the day as a label: 15 → "15:00" or "3 PM" as the locale writes it. */
  hour(hour: number): string;
}

const cache = new Map<string, Formatters>();

/** The formatters for a locale (cached: building Intl formatters is not free). */
export function formatters(locale: string, durationSeparator = ' '): Formatters {
  const key = `${locale}|${durationSeparator}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = build(locale, durationSeparator)));
  return f;
}

/** Midday UTC of a calendar date: formats as that date in every zone from UTC−11 to UTC+11. */
function dateAtNoon(iso: string): Date {
  return new Date(`${iso}T12:00:00Z`);
}

function build(locale: string, sep: string): Formatters {
  const unit = (u: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' });
  const hours = unit('hour');
  const minutes = unit('minute');
  const seconds = unit('second');
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const percentFormats = new Map<number, Intl.NumberFormat>();
  const dateUtc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  const shortDate = dateUtc({ weekday: 'short', month: 'short', day: 'numeric' });
  const longDate = dateUtc({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  const rangeDate = dateUtc({ year: 'numeric', month: 'short', day: 'numeric' });
  const weekday = dateUtc({ weekday: 'short' });
  // 24-hour locales write 09:05, 12-hour ones 9:05 AM.
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  const twentyFour = cycle === 'h23' || cycle === 'h24';
  const hour = twentyFour ? '2-digit' : 'numeric';
  const zoned = new Map<string, Intl.DateTimeFormat>();
  const inZone = (zone: string, kind: 'time' | 'dateTime'): Intl.DateTimeFormat => {
    const k = `${kind}|${zone}`;
    let fmt = zoned.get(k);
    if (!fmt) {
      const options: Intl.DateTimeFormatOptions =
        kind === 'time'
          ? { hour, minute: '2-digit', timeZone: zone }
          : { weekday: 'short', month: 'short', day: 'numeric', hour, minute: '2-digit', timeZone: zone };
      zoned.set(k, (fmt = new Intl.DateTimeFormat(locale, options)));
    }
    return fmt;
  };
  const hourFormat = new Intl.DateTimeFormat(
    locale,
    twentyFour ? { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' } : { hour: 'numeric', timeZone: 'UTC' },
  );

  return {
    locale,
    duration(total, precise = false) {
      const negative = total < 0;
      const abs = Math.abs(total);
      let text: string;
      // Under half a second rounds to nothing: written as zero is ("0m"), not "0s" beside a row that is exactly 0.
      if (abs >= 0.5 && abs < 60) {
        text = seconds.format(Math.round(abs));
      } else if (precise && Math.round(abs) < 3600) {
        const s = Math.round(abs);
        // Precise keeps seconds, zero too ("0s" in a list of seconds, not "0m").
        text = s < 60 ? seconds.format(s) : s % 60 === 0 ? minutes.format(s / 60) : `${minutes.format(Math.floor(s / 60))}${sep}${seconds.format(s % 60)}`;
      } else {
        const mins = Math.round(abs / 60);
        const h = Math.floor(mins / 60);
        const m = mins % 60;
        text = h === 0 ? minutes.format(m) : m === 0 ? hours.format(h) : `${hours.format(h)}${sep}${minutes.format(m)}`;
      }
      return negative ? `−${text}` : text;
    },
    clock(total) {
      const s = Math.max(0, Math.floor(total));
      return `${plain.format(Math.floor(s / 3600))}:${two.format(Math.floor((s % 3600) / 60))}:${two.format(s % 60)}`;
    },
    percent(ratio, digits = 0) {
      if (ratio === null || !Number.isFinite(ratio)) return '—';
      let fmt = percentFormats.get(digits);
      if (!fmt) percentFormats.set(digits, (fmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits })));
      return fmt.format(ratio);
    },
    number(value, maxFractionDigits = 1) {
      if (value === null || !Number.isFinite(value)) return '—';
      let fmt = numberFormats.get(maxFractionDigits);
      if (!fmt) numberFormats.set(maxFractionDigits, (fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits })));
      return fmt.format(value);
    },
    money(amount, currency) {
      if (amount === null || !Number.isFinite(amount)) return '—';
      if (!currency) return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
      } catch {
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount)} ${currency}`;
      }
    },
    time: (ms, zone) => inZone(zone, 'time').format(ms),
    dateTime: (ms, zone) => inZone(zone, 'dateTime').format(ms),
    date: (iso) => shortDate.format(dateAtNoon(iso)),
    longDate: (iso) => longDate.format(dateAtNoon(iso)),
    dateRange: (from, to) => (from === to ? rangeDate.format(dateAtNoon(from)) : rangeDate.formatRange(dateAtNoon(from), dateAtNoon(to))),
    weekday: (iso) => weekday.format(dateAtNoon(iso)),
    hour: (h) => (Number.isInteger(h) && h >= 0 && h < 24 ? hourFormat.format(new Date(Date.UTC(2026, 0, 1, h))) : ''),
  };
}

/** A `<input type="datetime-local">` value (yyyy-MM-ddTHH:mm) for an instant, in a zone. */
export function toLocalInput(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The instant a `<input type="datetime-local">` value names in a zone; null when empty or invalid. */
export function fromLocalInput(value: string, zone: string): number | null {
  if (value.trim() === '') return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt.toMillis() : null;
}
