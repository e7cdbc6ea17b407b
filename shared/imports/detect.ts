/**
 * Which export a file is, from its header row: the team import (server) and the views name the source they
 * found, so a manager drops a file without choosing its format. Each source is told by columns only it has.
 */
import { isBlankRow, parseCsv } from './csv';
import { normalizeHeader } from './table';
import { decodeText } from './text';
import type { ImportSource } from './sources';

/** Each source's telling columns (all must be present), most specific first. */
const SIGNATURES: readonly { source: ImportSource; all: readonly string[] }[] = [
  { source: 'salesforce-opportunities', all: ['opportunity id', 'stage'] },
  { source: 'salesforce-opportunities', all: ['opportunity id (18)', 'stage'] },
  { source: 'salesforce-leads', all: ['lead id', 'lead status'] },
  { source: 'hubspot-deals', all: ['record id', 'deal stage'] },
  { source: 'hubspot-deals', all: ['deal id', 'deal stage'] },
  { source: 'hubspot-deals', all: ['hs_object_id', 'dealstage'] },
  { source: 'five9', all: ['call id', 'timestamp', 'after call work time'] },
  { source: 'zendesk-talk', all: ['completion_status', 'talk_time'] },
  { source: 'talkdesk', all: ['contact id', 'interaction id'] },
  { source: 'aircall', all: ['started_at', 'answered_at'] },
  { source: 'aircall', all: ['missed call reason', 'started at'] },
  { source: 'aircall', all: ['unanswered call reason', 'start time'] },
  { source: 'generic', all: ['id', 'start', 'direction', 'answered', 'talk_seconds'] },
];

/** The source of an export from its header row, or null when no importer knows it (or it is not text). */
export function detectImportSource(input: string | Uint8Array): ImportSource | null {
  const decoded = decodeText(input);
  if (!decoded.ok) return null;
  // The header is the first non-blank line (headers do not span lines); only it is parsed.
  const first = decoded.text.split(/\r\n|\n|\r/, 50).find((line) => line.trim() !== '');
  if (first === undefined) return null;
  const csv = parseCsv(first, { delimiter: 'auto' });
  const header = csv.ok ? csv.rows.find((row) => !isBlankRow(row)) : undefined;
  if (!header) return null;
  const names = new Set(header.fields.map(normalizeHeader));
  return SIGNATURES.find((s) => s.all.every((n) => names.has(n)))?.source ?? null;
}
