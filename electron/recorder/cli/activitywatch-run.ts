import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { once } from 'node:events';
import { formatDuration } from '../../../shared/format-duration';
import { UserError } from '../../../shared/user-error';
import { exportActivityWatch } from '../activitywatch/aw-export';
import { importActivityWatch, type AwImportProblem } from '../activitywatch/aw-import';
import { systemClock } from '../clock/system-clock';
import { postChangeNotice } from '../recorder-commands';
import { asStorageError } from '../store/storage-error';
import { Store } from '../store/store';
import { MAX_PROBLEMS_SHOWN } from '../api/import-handlers';
import type { AwExportOptions, AwImportOptions } from './activitywatch-command';
import { dbPathFrom, localZone } from './options';
import { progressBar } from './progress-bar';
import { writeOut } from './stdout';

/** `stint import activitywatch FILE`'s work (registered in activitywatch-command.ts). */
export async function runAwImport(file: string, options: AwImportOptions): Promise<void> {
  const size = fileSize(file);
  const zone = options.tz ?? localZone();
  const dbPath = dbPathFrom(options);
  const store = Store.open(dbPath);
  const bar = process.stderr.isTTY ? progressBar(process.stderr, size, 'Importing') : null;
  try {
    const result = await importActivityWatch(store, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      timeZone: zone,
      nowMs: systemClock.now(),
      ...(bar === null ? {} : { onProgress: bar.update }),
    }).finally(() => bar?.done());
    if (!result.ok) throw new UserError(formatAwProblems(file, result.problems, result.more));
    if (result.events > 0) postChangeNotice(store, dbPath, 'time', systemClock.now());
    writeOut(
      `${result.events} events imported from ${result.buckets} new and existing buckets, ${result.alreadyPresent} already present: ` +
        `${result.activity} activity and ${result.idle} idle records (in ${zone}), ${result.webVisits} web visits, ${result.external} external events.\n`,
    );
  } catch (error) {
    throw asStorageError(error, dbPath);
  } finally {
    store.close();
  }
}

/** `stint export activitywatch --out FILE`'s work. */
export async function runAwExport(options: AwExportOptions): Promise<void> {
  const dbPath = dbPathFrom(options);
  const store = Store.open(dbPath, { mustExist: true });
  const started = systemClock.monotonic();
  try {
    const bytes = await writePieces(options.out, exportActivityWatch(store, { hostname: hostname(), nowMs: systemClock.now() }));
    const seconds = (systemClock.monotonic() - started) / 1000;
    writeOut(`Wrote ${options.out} (${(bytes / 1e6).toFixed(1)} MB) in ${formatDuration(Math.max(1, Math.round(seconds)))}.\n`);
  } finally {
    store.close();
  }
}

/** Writes the pieces with backpressure; a file that cannot be written is the person's to fix. */
async function writePieces(file: string, pieces: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  const state: { failed: Error | null } = { failed: null };
  out.on('error', (error) => (state.failed = error));
  let bytes = 0;
  for (const piece of pieces) {
    if (state.failed !== null) break;
    bytes += Buffer.byteLength(piece);
    if (!out.write(piece)) await Promise.race([once(out, 'drain'), once(out, 'error')]).catch(() => undefined);
  }
  out.end();
  if (state.failed === null) await Promise.race([once(out, 'finish'), once(out, 'error')]).catch(() => undefined);
  const error = state.failed;
  if (error !== null)
    throw new UserError(
      `Cannot write ${file}: ${error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : error.message}.`,
    );
  return bytes;
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`Cannot read ${file}: it is a folder, not an export file. Pass the JSON file ActivityWatch exported.`);
    return stat.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Cannot read ${file}: there is no such file. Pass the JSON file ActivityWatch exported.`);
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}

/** Every problem with where it is: line, bucket, event index. */
export function formatAwProblems(file: string, problems: readonly AwImportProblem[], more: number): string {
  const total = problems.length + more;
  const lines = [`Cannot import ${file}: ${total} ${total === 1 ? 'problem' : 'problems'}; nothing was imported.`];
  for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
    const where = [`line ${p.line}`, ...(p.bucket === null ? [] : [`bucket "${p.bucket}"`]), ...(p.event === null ? [] : [`event ${p.event}`])];
    lines.push(`  ${where.join(', ')}: ${p.message}`);
  }
  const rest = total - Math.min(problems.length, MAX_PROBLEMS_SHOWN);
  if (rest > 0) lines.push(`  and ${rest} more`);
  return lines.join('\n');
}
