import type { ApiHandlers } from '../../../shared/api/contract';
import { parseCallLog, parseHubSpotDeals, parseSalesforceLeads, parseSalesforceOpportunities } from '../../../shared/imports';
import { parseTimewarriorExport, type TimewarriorProblem } from '../../../shared/imports/timewarrior';
import { requireTimeZone } from '../../../shared/recording/zone-offset';
import { UserError } from '../../../shared/user-error';
import type { Clock } from '../clock/clock';
import { CallsStore } from '../store/calls-store';
import { CrmStore } from '../store/crm-store';
import type { Store } from '../store/store';
import { importIntervals } from '../store/timewarrior-import';
import { MAX_PROBLEMS_SHOWN, rejected } from '../../../shared/imports/import-refusal';

const ROLLBACK = new Error('preview: roll back');

export { MAX_PROBLEMS_SHOWN };

export type ImportHandlers = Pick<ApiHandlers, 'import.timewarrior' | 'import.calls' | 'import.crm'>;

/**
 * Imports of Timewarrior exports, call logs and CRM reports: the request carries the file (from the CLI, or
 * a view's upload) and the options; the shared parsers read it and the stores write it, all or nothing.
 */
export function createImportHandlers(store: Store, clock: Clock): ImportHandlers {
  const zoneOf = (zone: string | undefined) => (zone === undefined ? clock.timeZone() : requireTimeZone(zone));
  const bytesOf = (file: { base64: string }) => new Uint8Array(Buffer.from(file.base64, 'base64'));
  /**
   * Runs the write; a preview runs it inside a transaction that is rolled back, so its counts (added, updated,
   * already present) are exactly what the import will do, and nothing is written.
   */
  const writeOrPreview = <T>(preview: boolean, write: () => T): T & { preview: boolean } => {
    if (!preview) return { ...write(), preview };
    let result: T | undefined;
    try {
      store.db.transaction(() => {
        result = write();
        throw ROLLBACK;
      })();
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    return { ...(result as T), preview };
  };

  return {
    'import.timewarrior': ({ file, timeZone }) => {
      const zone = zoneOf(timeZone);
      const parsed = parseTimewarriorExport(bytesOf(file));
      if (!parsed.ok) throw new UserError(formatProblems(file.name, parsed.errors));
      const result = importIntervals(store, parsed.sessions, zone, clock.now());
      if (!result.ok) throw new UserError(formatProblems(file.name, result.errors));
      const { ok: _ok, ...counts } = result;
      return { ...counts, timeZone: zone, warnings: parsed.warnings.map((w) => w.message) };
    },
    'import.calls': ({ file, format, timeZone, preview }) => {
      const zone = zoneOf(timeZone);
      const parsed = parseCallLog(format, bytesOf(file), { zone });
      if (!parsed.ok) throw rejected(file.name, parsed.errors);
      const result = writeOrPreview(preview, () => new CallsStore(store.db, store.deviceId).importCalls(parsed.calls, zone, clock.now()));
      const answered = parsed.calls.filter((c) => c.answered).length;
      return { ...result, answered, unanswered: parsed.calls.length - answered };
    },
    'import.crm': (input) => {
      const crm = new CrmStore(store.db);
      const bytes = bytesOf(input.file);
      const dateFormat = input.dateFormat ?? 'MM/dd/yyyy';
      switch (input.source) {
        case 'salesforce-opportunities': {
          const parsed = parseSalesforceOpportunities(bytes, {
            dateFormat,
            decimalSeparator: input.decimalComma ? ',' : '.',
            lossReasonMap: input.lossReasons ?? {},
            ...(input.lossReasonColumn === undefined ? {} : { lossReasonColumn: input.lossReasonColumn }),
          });
          if (!parsed.ok) throw rejected(input.file.name, parsed.errors);
          return writeOrPreview(input.preview, () => crm.upsertOpportunities('salesforce', parsed.opportunities, clock.now()));
        }
        case 'salesforce-leads': {
          const parsed = parseSalesforceLeads(bytes, {
            dateFormat,
            zone: zoneOf(input.timeZone),
            ...(input.firstTouchColumn === undefined ? {} : { firstTouchColumn: input.firstTouchColumn }),
          });
          if (!parsed.ok) throw rejected(input.file.name, parsed.errors);
          return writeOrPreview(input.preview, () => crm.upsertLeads('salesforce', parsed.leads, clock.now()));
        }
        case 'hubspot-deals': {
          // HubSpot exports ISO dates: its parser's own default, not Salesforce's US one.
          const parsed = parseHubSpotDeals(bytes, {
            ...(input.dateFormat === undefined ? {} : { dateFormat: input.dateFormat }),
            lossReasonMap: input.lossReasons ?? {},
            ...(input.lossReasonColumn === undefined ? {} : { lossReasonColumn: input.lossReasonColumn }),
          });
          if (!parsed.ok) throw rejected(input.file.name, parsed.errors);
          return writeOrPreview(input.preview, () => crm.upsertOpportunities('hubspot', parsed.opportunities, clock.now()));
        }
      }
    },
  };
}

/** Every problem of a Timewarrior export on its own line, the first MAX_PROBLEMS_SHOWN of them. */
function formatProblems(file: string, problems: readonly TimewarriorProblem[]): string {
  const [only] = problems;
  if (problems.length === 1 && only !== undefined && only.index === null) return `Cannot import ${file}: ${only.message}`;
  const entries = new Set(problems.map((p) => p.index)).size;
  const lines = [
    `Cannot import ${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${entries} ${entries === 1 ? 'entry' : 'entries'}; nothing was imported.`,
    ...problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  ${p.message}`),
  ];
  if (problems.length > MAX_PROBLEMS_SHOWN) lines.push(`  and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return lines.join('\n');
}
