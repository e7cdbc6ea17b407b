import { InvalidArgumentError } from 'commander';
import { systemClock } from '../clock/system-clock';
import { resolveDbPath } from '../store/data-path';
import { requireTimeZone } from '../../../shared/recording/zone-offset';

/** Commander argument parsers that reject bad values with a one-line reason. */
export function seconds(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected seconds between ${min} and ${max}, got "${value}".`);
    return n;
  };
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port number 0–65535, got "${value}".`);
  return n;
}

export function timeZone(value: string): string {
  try {
    return requireTimeZone(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got "${value}".`);
  };
}

export interface GlobalOptions {
  db?: string;
}

export function dbPathFrom(options: GlobalOptions): string {
  return resolveDbPath(options.db);
}

export const localZone = (): string => systemClock.timeZone();
