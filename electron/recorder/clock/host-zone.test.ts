import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostZoneName, setHostZone } from '../../../shared/timesheet/host-zone';
import { readHostZone } from './host-zone';

const dirs: string[] = [];
function cacheFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stint-host-zone-'));
  dirs.push(dir);
  return join(dir, 'stint', 'host-zone.json');
}

/** Stands in for Intl: answers `zone` and counts the questions. */
function intl(zone: string): { ask: () => string; asked: number; zone: string } {
  const double = {
    zone,
    asked: 0,
    ask: () => {
      double.asked++;
      return double.zone;
    },
  };
  return double;
}

afterEach(() => {
  setHostZone(null);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('the host zone name', () => {
  it('asks Intl once, then reads the name it gave from the cache and declares it to the shared zone maths', () => {
    const file = cacheFile();
    // ICU canonicalizes: TZ=Asia/Kolkata reads "Asia/Calcutta".
    const answer = intl('Asia/Calcutta');
    expect(readHostZone({ TZ: 'Asia/Kolkata' }, file, answer.ask)).toBe('Asia/Calcutta');
    expect(answer.asked).toBe(1);
    expect(hostZoneName()).toBe('Asia/Calcutta');
    setHostZone(null);
    expect(readHostZone({ TZ: 'Asia/Kolkata' }, file, answer.ask)).toBe('Asia/Calcutta');
    expect(answer.asked).toBe(1);
    expect(hostZoneName()).toBe('Asia/Calcutta');
  });

  it('asks Intl again when what the zone comes from changes, or when the cache is unreadable', () => {
    const file = cacheFile();
    const answer = intl('Europe/Berlin');
    expect(readHostZone({ TZ: 'Europe/Berlin' }, file, answer.ask)).toBe('Europe/Berlin');
    answer.zone = 'America/Chicago';
    expect(readHostZone({ TZ: 'America/Chicago' }, file, answer.ask)).toBe('America/Chicago');
    expect(answer.asked).toBe(2);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ zone: 'America/Chicago' });
    writeFileSync(file, '{"key": 1}');
    expect(readHostZone({ TZ: 'America/Chicago' }, file, answer.ask)).toBe('America/Chicago');
    expect(answer.asked).toBe(3);
  });

  it('works without a writable cache, asking Intl each time', () => {
    const answer = intl('UTC');
    expect(readHostZone({ TZ: 'UTC' }, '/proc/no-such-folder/host-zone.json', answer.ask)).toBe('UTC');
    expect(readHostZone({ TZ: 'UTC' }, '/proc/no-such-folder/host-zone.json', answer.ask)).toBe('UTC');
    expect(answer.asked).toBe(2);
  });

  it('gives the name Intl gives, by default', () => {
    expect(readHostZone(process.env, cacheFile())).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
