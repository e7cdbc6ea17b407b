/**
 * HubSpot deals export ("Export" on the deals index, CSV).
 *
 * Based on HubSpot's deal export as users download it: one row per deal with property labels as
 * headers — "Record ID" (the deduplication key), "Deal Name", "Pipeline", "Deal Stage", "Amount",
 * "Close Date", "Create Date", "Deal owner", "Associated Company", "Closed Lost Reason", and, when all
 * properties are exported, "Currency", "Is Closed Won" and "Is closed lost". Internal property names
 * (`hs_object_id`, `dealname`, `dealstage`, `closedate`, `createdate`, …) are accepted as headers too.
 *
 * The file arrives as bytes because its encoding varies: UTF-8 with commas, or UTF-16 (LE or BE, with a
 * byte-order mark) with tabs as Excel-compatible exports are; both are detected. Dates are written
 * `2026-03-14` or `2026-03-14 09:05` by default (`dateFormat` for other locales); date-times keep their
 * date. Stages default to HubSpot's "Closed Won"/"Closed Lost" (labels or internal `closedwon` /
 * `closedlost`); custom pipelines name theirs with `wonStages`/`lostStages`.
 */
import {
  readOpportunities,
  userColumn,
  validateOpportunityOptions,
  type OpportunityImportOptions,
  type OpportunityImportResult,
  type OpportunityKey,
} from './crm-opportunities';
import { readTable, type ColumnSpec } from './table';

export type HubSpotDealOptions = Omit<OpportunityImportOptions, 'dateFormat'> & Partial<Pick<OpportunityImportOptions, 'dateFormat'>>;

export function parseHubSpotDeals(bytes: Uint8Array, options: HubSpotDealOptions = {}): OpportunityImportResult {
  const full: OpportunityImportOptions = { ...options, dateFormat: options.dateFormat ?? 'yyyy-MM-dd' };
  validateOpportunityOptions(full);
  const columns: ColumnSpec<OpportunityKey>[] = [
    { key: 'id', names: ['Record ID', 'Deal ID', 'hs_object_id'], required: true, label: 'the deal id' },
    { key: 'name', names: ['Deal Name', 'dealname'], required: true },
    { key: 'stage', names: ['Deal Stage', 'dealstage'], required: true },
    { key: 'amount', names: ['Amount', 'amount'] },
    { key: 'currency', names: ['Currency', 'Deal currency code', 'deal_currency_code'] },
    { key: 'created', names: ['Create Date', 'Created Date', 'createdate'], required: true },
    { key: 'close', names: ['Close Date', 'closedate'] },
    { key: 'owner', names: ['Deal owner', 'Deal Owner', 'hubspot_owner_id'] },
    { key: 'account', names: ['Associated Company', 'Associated Company (Primary)', 'Company name', 'Company'] },
    { key: 'wonFlag', names: ['Is Closed Won', 'hs_is_closed_won'] },
    { key: 'lostFlag', names: ['Is closed lost', 'hs_is_closed_lost'] },
    userColumn('lossReason', full.lossReasonColumn, ['Closed Lost Reason', 'closed_lost_reason'], 'the loss reason'),
    userColumn('sqlDate', full.sqlDateColumn, ['SQL Date'], 'the SQL date'),
  ];
  const read = readTable(bytes, columns, { what: 'HubSpot deals export' });
  if (!read.ok) return read;
  return readOpportunities(read.table, full, { wonStages: ['Closed Won'], lostStages: ['Closed Lost'], idName: 'Record ID' });
}
