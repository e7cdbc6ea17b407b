import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import {
  CALL_SYSTEMS,
  DATE_FORMATS,
  parseCallLog,
  parseHubSpotDeals,
  parseSalesforceLeads,
  parseSalesforceOpportunities,
  type CallSystem,
  type DateFormat,
  type ImportError,
  type LossReasonMap,
} from '../../../shared/imports';
import type { LossReason } from '../../../shared/sales';
import { UserError } from '../../../shared/user-error';
import { CallsStore } from '../store/calls-store';
import { CrmStore } from '../store/crm-store';
import { localZone, oneOf, timeZone, type GlobalOptions } from './options';
import { withStore } from './with-store';

const MAX_SHOWN = 20;

interface LogOptions extends GlobalOptions {
  format: CallSystem;
  tz?: string;
}
interface CrmOptions extends GlobalOptions {
  dateFormat: DateFormat;
  tz?: string;
  lossReasonColumn?: string;
  lossReason?: string[];
  decimalComma?: boolean;
  firstTouchColumn?: string;
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Cannot read ${file}: there is no such file.`);
    if (code === 'EISDIR') throw new UserError(`Cannot read ${file}: it is a folder, not an export file.`);
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}

/** Every bad row with its line number; nothing was written. */
function rejected(file: string, errors: readonly ImportError[]): UserError {
  const lines = [`Cannot import ${file}: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; nothing was imported.`];
  for (const e of errors.slice(0, MAX_SHOWN)) lines.push(e.line > 0 ? `  line ${e.line}: ${e.message}` : `  ${e.message}`);
  if (errors.length > MAX_SHOWN) lines.push(`  and ${errors.length - MAX_SHOWN} more`);
  return new UserError(lines.join('\n'));
}

/** "Lost to Acme=competitor" pairs from --loss-reason, mapping a CRM's values to the three reasons. */
function lossReasonMap(pairs: readonly string[] | undefined): LossReasonMap {
  const map: Record<string, LossReason> = {};
  for (const pair of pairs ?? []) {
    const at = pair.lastIndexOf('=');
    const reason = pair.slice(at + 1).trim();
    if (at <= 0 || !['competitor', 'noDecision', 'other'].includes(reason)) {
      throw new UserError(`--loss-reason "${pair}" must look like VALUE=competitor, VALUE=noDecision or VALUE=other.`);
    }
    map[pair.slice(0, at).trim()] = reason as LossReason;
  }
  return map;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const out = (text: string) => process.stdout.write(`${text}\n`);

/** Call logs and CRM reports, each all or nothing; re-importing the same records adds nothing twice. */
export function registerLogImports(importer: Command): void {
  importer
    .command('calls')
    .description('a call log from a dialer or help desk; unanswered calls are kept but left out of AHT')
    .argument('<file>', 'the exported CSV')
    .requiredOption('--format <system>', CALL_SYSTEMS.join(' | '), oneOf(CALL_SYSTEMS))
    .option('--tz <zone>', 'zone of timestamps written without an offset (default: this computer’s)', timeZone)
    .action((file: string, _o: LogOptions, command: Command) => {
      const options = command.optsWithGlobals<LogOptions>();
      const zone = options.tz ?? localZone();
      const parsed = parseCallLog(options.format, readBytes(file), { zone });
      if (!parsed.ok) throw rejected(file, parsed.errors);
      withStore(options, (store) => {
        const result = new CallsStore(store.db, store.deviceId).importCalls(parsed.calls, zone, Date.now());
        const answered = parsed.calls.filter((c) => c.answered).length;
        out(
          `${result.imported} calls imported, ${result.present} already present (${answered} answered, ${parsed.calls.length - answered} unanswered in the file).`,
        );
      });
    });

  const crm = (name: string, description: string) =>
    importer
      .command(name)
      .description(description)
      .argument('<file>', 'the exported report')
      .option('--date-format <format>', `dates as the exporting user's locale writes them: ${DATE_FORMATS.join(' | ')}`, oneOf(DATE_FORMATS), 'MM/dd/yyyy')
      .option('--tz <zone>', 'zone of the exporting user (default: this computer’s)', timeZone);

  crm('salesforce-opportunities', 'a Salesforce opportunity report (CSV); footer rows are skipped')
    .option('--loss-reason-column <name>', 'the column that holds the loss reason')
    .option('--loss-reason <value=reason>', 'map a loss-reason value to competitor, noDecision or other (repeatable)', collect)
    .option('--decimal-comma', 'amounts use a decimal comma (1.234,56)')
    .action((file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const parsed = parseSalesforceOpportunities(readBytes(file), {
        dateFormat: options.dateFormat,
        decimalSeparator: options.decimalComma ? ',' : '.',
        lossReasonMap: lossReasonMap(options.lossReason),
        ...(options.lossReasonColumn === undefined ? {} : { lossReasonColumn: options.lossReasonColumn }),
      });
      if (!parsed.ok) throw rejected(file, parsed.errors);
      withStore(options, (store) => {
        const r = new CrmStore(store.db).upsertOpportunities('salesforce', parsed.opportunities, Date.now());
        out(`${r.added} opportunities added, ${r.updated} updated from the newer report.`);
      });
    });

  crm('salesforce-leads', 'a Salesforce lead report (CSV) with creation times; footer rows are skipped')
    .option('--first-touch-column <name>', 'the column that holds the first human touch')
    .action((file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const parsed = parseSalesforceLeads(readBytes(file), {
        dateFormat: options.dateFormat,
        zone: options.tz ?? localZone(),
        ...(options.firstTouchColumn === undefined ? {} : { firstTouchColumn: options.firstTouchColumn }),
      });
      if (!parsed.ok) throw rejected(file, parsed.errors);
      withStore(options, (store) => {
        const r = new CrmStore(store.db).upsertLeads('salesforce', parsed.leads, Date.now());
        out(`${r.added} leads added, ${r.updated} updated from the newer report.`);
      });
    });

  crm('hubspot-deals', 'a HubSpot deals export (UTF-8 or UTF-16, comma or tab separated)')
    .option('--loss-reason-column <name>', 'the column that holds the loss reason')
    .option('--loss-reason <value=reason>', 'map a loss-reason value to competitor, noDecision or other (repeatable)', collect)
    .action((file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const parsed = parseHubSpotDeals(readBytes(file), {
        dateFormat: options.dateFormat,
        lossReasonMap: lossReasonMap(options.lossReason),
        ...(options.lossReasonColumn === undefined ? {} : { lossReasonColumn: options.lossReasonColumn }),
      });
      if (!parsed.ok) throw rejected(file, parsed.errors);
      withStore(options, (store) => {
        const r = new CrmStore(store.db).upsertOpportunities('hubspot', parsed.opportunities, Date.now());
        out(`${r.added} deals added, ${r.updated} updated from the newer export.`);
      });
    });
}
