import type { Command } from 'commander';
import { CALL_SYSTEMS, type CallSystem } from '../../../shared/imports/call-types';
import type { LossReasonMap } from '../../../shared/imports/loss-reason';
import { DATE_FORMATS, type DateFormat } from '../../../shared/imports/date-formats';
import type { LossReason } from '../../../shared/sales';
import { UserError } from '../../../shared/user-error';
import { runRequest } from './api-client';
import { readImportFile } from './import-file';
import { oneOf, timeZone, type GlobalOptions } from './options';
import { writeOut } from './stdout';

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

const out = (text: string) => writeOut(`${text}\n`);

/** Call logs and CRM reports, each all or nothing; re-importing the same records adds nothing twice. */
export function registerLogImports(importer: Command): void {
  importer
    .command('calls')
    .description('a call log from a dialer or help desk; unanswered calls are kept but left out of AHT')
    .argument('<file>', 'the exported CSV')
    .requiredOption('--format <system>', CALL_SYSTEMS.join(' | '), oneOf(CALL_SYSTEMS))
    .option('--tz <zone>', 'zone of timestamps written without an offset (default: this computer’s)', timeZone)
    .action(async (file: string, _o: LogOptions, command: Command) => {
      const options = command.optsWithGlobals<LogOptions>();
      const r = await runRequest(options, 'import.calls', {
        file: readImportFile(file),
        format: options.format,
        ...(options.tz === undefined ? {} : { timeZone: options.tz }),
      });
      out(`${r.imported} calls imported, ${r.present} already present (${r.answered} answered, ${r.unanswered} unanswered in the file).`);
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
    .action(async (file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const r = await runRequest(options, 'import.crm', {
        source: 'salesforce-opportunities',
        file: readImportFile(file),
        dateFormat: options.dateFormat,
        lossReasons: lossReasonMap(options.lossReason),
        decimalComma: options.decimalComma === true,
        ...(options.lossReasonColumn === undefined ? {} : { lossReasonColumn: options.lossReasonColumn }),
      });
      out(`${r.added} opportunities added, ${r.updated} updated from the newer report.`);
    });

  crm('salesforce-leads', 'a Salesforce lead report (CSV) with creation times; footer rows are skipped')
    .option('--first-touch-column <name>', 'the column that holds the first human touch')
    .action(async (file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const r = await runRequest(options, 'import.crm', {
        source: 'salesforce-leads',
        file: readImportFile(file),
        dateFormat: options.dateFormat,
        ...(options.tz === undefined ? {} : { timeZone: options.tz }),
        ...(options.firstTouchColumn === undefined ? {} : { firstTouchColumn: options.firstTouchColumn }),
      });
      out(`${r.added} leads added, ${r.updated} updated from the newer report.`);
    });

  crm('hubspot-deals', 'a HubSpot deals export (UTF-8 or UTF-16, comma or tab separated)')
    .option('--loss-reason-column <name>', 'the column that holds the loss reason')
    .option('--loss-reason <value=reason>', 'map a loss-reason value to competitor, noDecision or other (repeatable)', collect)
    .action(async (file: string, _o: CrmOptions, command: Command) => {
      const options = command.optsWithGlobals<CrmOptions>();
      const r = await runRequest(options, 'import.crm', {
        source: 'hubspot-deals',
        file: readImportFile(file),
        dateFormat: options.dateFormat,
        lossReasons: lossReasonMap(options.lossReason),
        ...(options.lossReasonColumn === undefined ? {} : { lossReasonColumn: options.lossReasonColumn }),
      });
      out(`${r.added} deals added, ${r.updated} updated from the newer export.`);
    });
}
