/**
 * Rows of a CRM opportunity/deal export to `Opportunity` records, shared by the Salesforce and HubSpot
 * importers: each declares which header names its columns go by, this reads the values.
 *
 * Status: won/lost/closed flag columns win when the export has them (Salesforce "Won" and "Closed",
 * HubSpot "Is Closed Won" and "Is closed lost"); otherwise the stage decides, compared without case,
 * spaces or punctuation ("Closed Won" = "closedwon"), against `wonStages` and `lostStages`.
 */
import type { LossReason, Opportunity, OpportunityStatus } from '../sales/types';
import { optional, take, UniqueIds } from './common';
import { mapLossReason, type LossReasonMap } from './loss-reason';
import { ErrorList, type ImportError } from './result';
import type { ColumnSpec, Table } from './table';
import { parseAmount, parseFlag, parseLocaleDateTime, type DateFormat, type DecimalSeparator } from './values';

export type OpportunityKey =
  | 'id'
  | 'name'
  | 'account'
  | 'stage'
  | 'amount'
  | 'currency'
  | 'created'
  | 'close'
  | 'owner'
  | 'wonFlag'
  | 'lostFlag'
  | 'closedFlag'
  | 'lossReason'
  | 'sqlDate';

export type OpportunityImportResult = { ok: true; opportunities: Opportunity[] } | { ok: false; errors: ImportError[] };

export interface OpportunityImportOptions {
  /** Date order of the export, following the exporting user's locale. */
  dateFormat: DateFormat;
  /** Decimal separator of amounts (default "."). */
  decimalSeparator?: DecimalSeparator;
  /** Header of the (usually custom) loss-reason column; when given it must be in the file. */
  lossReasonColumn?: string;
  /** Loss-reason values → reason, before the defaults (see loss-reason.ts). */
  lossReasonMap?: LossReasonMap;
  /** Header of the column holding the date an opportunity became an SQL; when given it must be in the file. */
  sqlDateColumn?: string;
  /** Stages that mean won / lost when the export has no won/lost flag columns. */
  wonStages?: readonly string[];
  lostStages?: readonly string[];
}

const REASONS = new Set<LossReason>(['competitor', 'noDecision', 'other']);

export function validateOpportunityOptions(options: OpportunityImportOptions): void {
  for (const [from, to] of Object.entries(options.lossReasonMap ?? {})) {
    if (!REASONS.has(to)) throw new RangeError(`lossReasonMap maps "${from}" to "${String(to)}": expected competitor, noDecision or other.`);
  }
}

/** Column specs for the optional, user-named columns: required when the user named them. */
export function userColumn(key: OpportunityKey, option: string | undefined, defaults: readonly string[], label: string): ColumnSpec<OpportunityKey> {
  return option === undefined ? { key, names: defaults, label } : { key, names: [option], required: true, label };
}

const stageKey = (stage: string): string => stage.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function readOpportunities(
  table: Table<OpportunityKey>,
  options: OpportunityImportOptions,
  defaults: { wonStages: readonly string[]; lostStages: readonly string[]; idName: string },
): OpportunityImportResult {
  const won = new Set((options.wonStages ?? defaults.wonStages).map(stageKey));
  const lost = new Set((options.lostStages ?? defaults.lostStages).map(stageKey));
  const decimal = options.decimalSeparator ?? '.';
  const errors = new ErrorList();
  const ids = new UniqueIds(defaults.idName);
  const out: Opportunity[] = [];
  const header = (key: OpportunityKey) => table.headerName(key) ?? key;

  for (const row of table.rows) {
    const { line } = row;
    const before = errors.size;
    const id = row.get('id');
    if (id === '') errors.add(line, `${header('id')} is empty; every row needs one.`, { code: 'empty-id', params: { what: header('id') } });
    else ids.check(id, line, errors);
    const name = row.get('name');
    if (name === '') errors.add(line, `${header('name')} is empty.`, { code: 'empty-value', params: { what: header('name') } });
    const stage = row.get('stage');
    if (stage === '') errors.add(line, `${header('stage')} is empty.`, { code: 'empty-value', params: { what: header('stage') } });

    const date = (key: OpportunityKey) => {
      const v = row.get(key);
      return v === '' ? undefined : take(parseLocaleDateTime(v, options.dateFormat, header(key)), errors, line)?.date;
    };
    const createdText = row.get('created');
    const createdDate = date('created');
    if (createdText === '')
      errors.add(line, `${header('created')} is empty: every opportunity needs its creation date.`, {
        code: 'empty-date',
        params: { what: header('created') },
      });
    const closeDate = date('close');
    const sqlDate = date('sqlDate');

    const flag = (key: OpportunityKey) => take(parseFlag(row.get(key), header(key)), errors, line) ?? null;
    const wonFlag = flag('wonFlag');
    const lostFlag = flag('lostFlag');
    const closedFlag = flag('closedFlag');

    const amountText = row.get('amount');
    const amount = amountText === '' ? undefined : take(parseAmount(amountText, decimal, header('amount')), errors, line);
    if (errors.size > before) continue;

    let status: OpportunityStatus;
    const byStage: OpportunityStatus = won.has(stageKey(stage)) ? 'won' : lost.has(stageKey(stage)) ? 'lost' : 'open';
    if (wonFlag === true) status = 'won';
    else if (lostFlag === true) status = 'lost';
    else if (closedFlag === true) status = wonFlag === false ? 'lost' : byStage;
    else if (closedFlag === false || (wonFlag === false && lostFlag === false)) status = 'open';
    else status = byStage;
    if (closedFlag === true && status === 'open') {
      errors.add(line, `The opportunity is closed but stage "${stage}" is neither a won nor a lost stage; add it to the won or lost stages.`, {
        code: 'stage-not-won-lost',
        params: { stage },
      });
      continue;
    }
    if (status !== 'open' && closeDate === undefined) {
      errors.add(line, `A ${status} opportunity needs a ${header('close')}, and this one has none.`, {
        code: 'close-date-needed',
        params: { what: header('close') },
      });
      continue;
    }

    const opportunity: Opportunity = { externalId: id, name, stage, status, createdDate: createdDate! };
    const account = optional(row.get('account'));
    if (account) opportunity.account = account;
    if (amount) {
      opportunity.amount = amount.amount;
      const currency = optional(row.get('currency')) ?? amount.currency;
      if (currency) opportunity.currency = currency.toUpperCase();
    }
    if (closeDate) opportunity.closeDate = closeDate;
    if (status === 'lost') {
      const reason = mapLossReason(row.get('lossReason'), options.lossReasonMap);
      if (reason) opportunity.lossReason = reason;
    }
    const owner = optional(row.get('owner'));
    if (owner) opportunity.owner = owner;
    if (sqlDate) opportunity.sqlDate = sqlDate;
    out.push(opportunity);
  }
  return errors.size > 0 ? { ok: false, errors: errors.toArray() } : { ok: true, opportunities: out };
}
