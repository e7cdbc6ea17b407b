/**
 * Salesforce report exports, CSV ("Export → Details Only → .csv").
 *
 * Based on Salesforce's report export as users download it: a header row of column labels, one row per
 * record, values quoted, and a footer after a blank line:
 *
 * ```
 * "Grand Totals (42 records)"
 *
 * "Confidential Information - Do Not Distribute"
 * "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
 * ```
 *
 * (the copyright line may use ©). Footer rows and blank lines are skipped wherever they are. Dates and
 * numbers follow the exporting user's locale (`dateFormat`, `decimalSeparator`): en_US writes
 * 3/14/2026 and 9:05 AM, en_GB 14/03/2026, de_DE 14.03.2026 and 14:05.
 *
 * Opportunity reports use the standard column labels: "Opportunity ID" (must be added to the report;
 * it is the deduplication key), "Opportunity Name", "Account Name", "Stage", "Amount" (with "Amount
 * Currency" in multi-currency orgs), "Created Date", "Close Date", "Opportunity Owner", and the
 * "Won"/"Closed" checkboxes when present. The loss reason is usually a custom field: name its column
 * with `lossReasonColumn` (default: the first of "Loss Reason", "Closed Lost Reason", "Lost Reason",
 * "Reason Lost" present).
 *
 * Lead reports: "Lead ID", "Created Date" (a date and time: lead response time needs the time),
 * "Lead Status", "Converted Date", "Lead Owner"; first touch is a custom column
 * (`firstTouchColumn`, default "First Touch", "First Touch Date", "First Response" or "First Response
 * Date"), a date and time read in `zone` like Created Date. "Phone" and "Mobile" (optional) let calls to
 * and from the lead count as its first touch.
 */
import type { Lead } from '../sales/types';
import { optional, take, UniqueIds } from './common';
import {
  readOpportunities,
  userColumn,
  validateOpportunityOptions,
  type OpportunityImportOptions,
  type OpportunityImportResult,
  type OpportunityKey,
} from './crm-opportunities';
import type { CsvRow } from './csv';
import { ErrorList, type ImportError } from './result';
import { readTable, type ColumnSpec } from './table';
import { parseLocaleDateTime, parseLocaleInstant, type DateFormat } from './values';
import { assertTimeZone } from '../timesheet/local-time';

const FOOTER = [
  /^Grand Totals? \(\s*[\d,.\s\u00a0]+ records?\)$/i,
  /^Confidential Information - Do Not Distribute$/i,
  /^Copyright (?:\(c\)|\u00a9) \d{4}(?:-\d{4})? salesforce\.com, inc\. All rights reserved\.?$/i,
];

/**
 * A Salesforce report footer row: its first non-empty cell is a footer line. ("Grand Totals" may carry
 * column totals in later cells; the other footer lines stand alone.)
 */
export function isSalesforceFooter(row: CsvRow): boolean {
  const cells = row.fields.map((f) => f.trim()).filter((f) => f !== '');
  const first = cells[0];
  if (first === undefined) return false;
  if (FOOTER[0]!.test(first)) return true;
  return cells.length === 1 && FOOTER.slice(1).some((re) => re.test(first));
}

export function parseSalesforceOpportunities(input: string | Uint8Array, options: OpportunityImportOptions): OpportunityImportResult {
  validateOpportunityOptions(options);
  const columns: ColumnSpec<OpportunityKey>[] = [
    { key: 'id', names: ['Opportunity ID', 'Opportunity ID (18)', 'Id'], required: true, label: 'the opportunity id' },
    { key: 'name', names: ['Opportunity Name'], required: true },
    { key: 'account', names: ['Account Name'] },
    { key: 'stage', names: ['Stage'], required: true },
    { key: 'amount', names: ['Amount'] },
    { key: 'currency', names: ['Amount Currency', 'Opportunity Currency', 'Currency'] },
    { key: 'created', names: ['Created Date'], required: true },
    { key: 'close', names: ['Close Date'], required: true },
    { key: 'owner', names: ['Opportunity Owner', 'Owner', 'Owner Name'] },
    { key: 'wonFlag', names: ['Won'] },
    { key: 'closedFlag', names: ['Closed'] },
    userColumn('lossReason', options.lossReasonColumn, ['Loss Reason', 'Closed Lost Reason', 'Lost Reason', 'Reason Lost'], 'the loss reason'),
    userColumn('sqlDate', options.sqlDateColumn, ['SQL Date', 'Sales Qualified Date'], 'the SQL date'),
  ];
  const read = readTable(input, columns, { what: 'Salesforce opportunity report', skipRow: isSalesforceFooter });
  if (!read.ok) return read;
  return readOpportunities(read.table, options, { wonStages: ['Closed Won'], lostStages: ['Closed Lost'], idName: 'Opportunity ID' });
}

export type LeadImportResult = { ok: true; leads: Lead[] } | { ok: false; errors: ImportError[] };

export interface SalesforceLeadOptions {
  dateFormat: DateFormat;
  /** IANA zone of the exporting user, in which Created Date and first-touch times are read. */
  zone: string;
  /** Header of the first-touch column; when given it must be in the file. */
  firstTouchColumn?: string;
}

type LeadKey = 'id' | 'created' | 'status' | 'converted' | 'owner' | 'firstTouch' | 'phone' | 'mobile';

export function parseSalesforceLeads(input: string | Uint8Array, options: SalesforceLeadOptions): LeadImportResult {
  assertTimeZone(options.zone);
  const columns: ColumnSpec<LeadKey>[] = [
    { key: 'id', names: ['Lead ID', 'Id'], required: true, label: 'the lead id' },
    { key: 'created', names: ['Created Date', 'Create Date'], required: true, label: 'when the lead was created' },
    { key: 'status', names: ['Lead Status', 'Status'], required: true, label: 'the lead status' },
    { key: 'converted', names: ['Converted Date'] },
    { key: 'owner', names: ['Lead Owner', 'Owner', 'Owner Name'] },
    { key: 'phone', names: ['Phone', 'Phone Number'] },
    { key: 'mobile', names: ['Mobile', 'Mobile Phone'] },
    options.firstTouchColumn === undefined
      ? { key: 'firstTouch', names: ['First Touch', 'First Touch Date', 'First Response', 'First Response Date'] }
      : { key: 'firstTouch', names: [options.firstTouchColumn], required: true },
  ];
  const read = readTable(input, columns, { what: 'Salesforce lead report', skipRow: isSalesforceFooter });
  if (!read.ok) return read;
  const { table } = read;
  const errors = new ErrorList();
  const ids = new UniqueIds('Lead ID');
  const leads: Lead[] = [];
  const header = (key: LeadKey) => table.headerName(key) ?? key;

  for (const row of table.rows) {
    const { line } = row;
    const before = errors.size;
    const id = row.get('id');
    if (id === '') errors.add(line, 'Lead ID is empty; every row needs one.', { code: 'empty-id', params: { what: 'Lead ID' } });
    else ids.check(id, line, errors);
    const createdText = row.get('created');
    const createdMs = createdText === '' ? undefined : take(parseLocaleInstant(createdText, options.dateFormat, options.zone, header('created')), errors, line);
    if (createdText === '')
      errors.add(line, `${header('created')} is empty: every lead needs its creation time.`, { code: 'empty-date', params: { what: header('created') } });
    const status = row.get('status');
    if (status === '') errors.add(line, `${header('status')} is empty.`, { code: 'empty-value', params: { what: header('status') } });
    const touchText = row.get('firstTouch');
    const firstTouchMs =
      touchText === '' ? undefined : take(parseLocaleInstant(touchText, options.dateFormat, options.zone, header('firstTouch')), errors, line);
    const convertedText = row.get('converted');
    const converted = convertedText === '' ? undefined : take(parseLocaleDateTime(convertedText, options.dateFormat, header('converted')), errors, line);
    if (errors.size > before) continue;

    const lead: Lead = { externalId: id, createdMs: createdMs!, status };
    if (firstTouchMs !== undefined) lead.firstTouchMs = firstTouchMs;
    if (converted) lead.convertedDate = converted.date;
    const owner = optional(row.get('owner'));
    if (owner) lead.owner = owner;
    const phones = [row.get('phone'), row.get('mobile')].filter((p) => p !== '');
    if (phones.length > 0) lead.phones = phones;
    leads.push(lead);
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, leads };
}
