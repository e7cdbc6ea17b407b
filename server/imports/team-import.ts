/**
 * A team's import of a call log or CRM report (issue 15): the device's shared parsers read the file, each
 * row goes to the user its agent or owner names (the team's mapping first, then a member's email or name by
 * the device's own-agent rule), and the store adds what is new. A preview says exactly what a commit will do.
 * Returns data and codes; the routes turn them into HTTP answers.
 */
import {
  callImportKey,
  detectImportSource,
  isCallSystem,
  parseCallLog,
  parseHubSpotDeals,
  parseSalesforceLeads,
  parseSalesforceOpportunities,
  type DateFormat,
  type ImportError,
  type ImportSource,
  type ImportedCall,
} from '../../shared/imports';
import { isOwnAgent } from '../../shared/calls/same-call';
import { phoneKey, type Lead, type Opportunity } from '../../shared/sales';
import type { ImportNameRow, ImportPreview } from '../../shared/team/imports-api';
import type { ImportsStore } from '../store/imports-store';

export type ParsedImport =
  | { kind: 'calls'; calls: ImportedCall[] }
  | { kind: 'opportunities'; crm: 'salesforce' | 'hubspot'; opportunities: Opportunity[] }
  | { kind: 'leads'; crm: 'salesforce'; leads: Lead[] };

export type ParseOutcome =
  { ok: true; source: ImportSource; detected: boolean; parsed: ParsedImport } | { ok: false; source: ImportSource | null; errors: ImportError[] };

export interface ParseOptions {
  source?: ImportSource | undefined;
  zone: string;
  dateFormat?: DateFormat | undefined;
}

/** Reads the file with the shared parser of its source (given, or found from its header row). */
export function parseTeamImport(bytes: Uint8Array, options: ParseOptions): ParseOutcome {
  const detected = options.source === undefined;
  const source = options.source ?? detectImportSource(bytes);
  if (source === null) {
    return {
      ok: false,
      source: null,
      errors: [
        {
          line: 1,
          message:
            'This file is not a call log or CRM report Stint knows: expected a Five9, Zendesk Talk, Talkdesk, Aircall or generic call log, a Salesforce opportunity or lead report, or a HubSpot deals export (see the header row).',
        },
      ],
    };
  }
  const fail = (errors: ImportError[]): ParseOutcome => ({ ok: false, source, errors });
  const ok = (parsed: ParsedImport): ParseOutcome => ({ ok: true, source, detected, parsed });
  if (isCallSystem(source)) {
    const r = parseCallLog(source, bytes, { zone: options.zone });
    return r.ok ? ok({ kind: 'calls', calls: r.calls }) : fail(r.errors);
  }
  switch (source) {
    case 'salesforce-opportunities': {
      const r = parseSalesforceOpportunities(bytes, { dateFormat: options.dateFormat ?? 'MM/dd/yyyy' });
      return r.ok ? ok({ kind: 'opportunities', crm: 'salesforce', opportunities: r.opportunities }) : fail(r.errors);
    }
    case 'salesforce-leads': {
      const r = parseSalesforceLeads(bytes, { dateFormat: options.dateFormat ?? 'MM/dd/yyyy', zone: options.zone });
      return r.ok ? ok({ kind: 'leads', crm: 'salesforce', leads: r.leads }) : fail(r.errors);
    }
    case 'hubspot-deals': {
      // HubSpot writes ISO dates: its parser's own default unless a format is given.
      const r = parseHubSpotDeals(bytes, options.dateFormat === undefined ? {} : { dateFormat: options.dateFormat });
      return r.ok ? ok({ kind: 'opportunities', crm: 'hubspot', opportunities: r.opportunities }) : fail(r.errors);
    }
  }
}

/** A name as mappings compare it: trimmed, single spaces, lower case. */
export const nameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

export interface Member {
  id: number;
  email: string;
  name: string;
}

type Resolved = Pick<ImportNameRow, 'userId' | 'email' | 'how'>;

/** Who a name is: the team's mapping, else the one member whose email or name it is (the device's rule). */
export function resolveName(name: string, mappings: ReadonlyMap<string, number | null>, members: readonly Member[]): Resolved {
  const key = nameKey(name);
  if (mappings.has(key)) {
    const userId = mappings.get(key) ?? null;
    const member = members.find((m) => m.id === userId);
    // A mapping to someone who has left the team asks again.
    if (userId === null) return { userId: null, email: null, how: 'nobody' };
    if (member) return { userId, email: member.email, how: 'mapped' };
  }
  const byEmail = members.filter((m) => isOwnAgent(name, { agentName: null, agentEmail: m.email, agentExtension: null }));
  if (byEmail.length === 1) return { userId: byEmail[0]!.id, email: byEmail[0]!.email, how: 'email' };
  const byName = members.filter((m) => isOwnAgent(name, { agentName: m.name, agentEmail: null, agentExtension: null }));
  if (byName.length === 1) return { userId: byName[0]!.id, email: byName[0]!.email, how: 'name' };
  return { userId: null, email: null, how: 'unknown' };
}

export interface ImportPlan {
  preview: Omit<ImportPreview, 'source' | 'detected'>;
  write: Parameters<ImportsStore['write']>[1];
}

const ownerOf = (parsed: ParsedImport, i: number): string | undefined =>
  parsed.kind === 'calls' ? parsed.calls[i]!.agent : parsed.kind === 'opportunities' ? parsed.opportunities[i]!.owner : parsed.leads[i]!.owner;
const countOf = (parsed: ParsedImport): number =>
  parsed.kind === 'calls' ? parsed.calls.length : parsed.kind === 'opportunities' ? parsed.opportunities.length : parsed.leads.length;

/** What importing `parsed` into the team does now: counts, each name's user, and the rows to write. */
export async function planImport(store: ImportsStore, teamId: number, parsed: ParsedImport, members: readonly Member[]): Promise<ImportPlan> {
  const mappings = new Map((await store.names(teamId)).map((m) => [m.nameKey, m.userId]));
  const names = new Map<string, ImportNameRow>();
  const userOfRow: (number | null | 'skip')[] = [];
  let unattributed = 0;
  const total = countOf(parsed);
  for (let i = 0; i < total; i++) {
    const owner = ownerOf(parsed, i)?.trim();
    if (!owner) {
      unattributed += 1;
      userOfRow.push(null);
      continue;
    }
    const key = nameKey(owner);
    let row = names.get(key);
    if (!row) names.set(key, (row = { name: owner, rows: 0, ...resolveName(owner, mappings, members) }));
    row.rows += 1;
    userOfRow.push(row.how === 'nobody' ? 'skip' : row.userId);
  }
  const write: ImportPlan['write'] = { calls: [], opportunities: [], leads: [] };
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let skipped = 0;
  if (parsed.kind === 'calls') {
    const bySystem = new Map<string, string[]>();
    for (const c of parsed.calls) {
      const ids = bySystem.get(c.system);
      if (ids) ids.push(c.externalId);
      else bySystem.set(c.system, [c.externalId]);
    }
    const present = new Set<string>();
    for (const [system, ids] of bySystem) for (const id of await store.presentCalls(teamId, system, ids)) present.add(`${system}:${id}`);
    parsed.calls.forEach((call, i) => {
      const userId = userOfRow[i]!;
      if (userId === 'skip') skipped += 1;
      else if (present.has(callImportKey(call))) unchanged += 1;
      else {
        added += 1;
        write.calls.push({ call, userId, contactKey: call.contact === undefined ? null : phoneKey(call.contact) });
      }
    });
  } else {
    const table = parsed.kind === 'opportunities' ? 'team_opportunities' : 'team_leads';
    const ids = parsed.kind === 'opportunities' ? parsed.opportunities.map((r) => r.externalId) : parsed.leads.map((r) => r.externalId);
    const stored = await store.presentCrm(table, teamId, parsed.crm, ids);
    /** Counts a record and says whether it is to be written (new, or changed since the last import). */
    const changed = (record: Opportunity | Lead, userId: number | null | 'skip'): userId is number | null => {
      if (userId === 'skip') {
        skipped += 1;
        return false;
      }
      const before = stored.get(record.externalId);
      if (before && before.payload === JSON.stringify(record) && before.userId === userId) {
        unchanged += 1;
        return false;
      }
      if (before) updated += 1;
      else added += 1;
      return true;
    };
    if (parsed.kind === 'opportunities') {
      parsed.opportunities.forEach((record, i) => {
        const userId = userOfRow[i]!;
        if (changed(record, userId)) write.opportunities.push({ crm: parsed.crm, record, userId });
      });
    } else {
      parsed.leads.forEach((record, i) => {
        const userId = userOfRow[i]!;
        if (changed(record, userId)) write.leads.push({ crm: parsed.crm, record, userId });
      });
    }
  }
  const nameRows = [...names.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    preview: {
      kind: parsed.kind,
      records: total,
      added,
      updated,
      unchanged,
      skipped,
      unattributed,
      names: nameRows,
      unknownNames: nameRows.filter((n) => n.how === 'unknown').map((n) => n.name),
    },
    write,
  };
}
