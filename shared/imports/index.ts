/** Imports (DESIGN.md §5): call logs and CRM reports, each all or nothing with line-numbered errors. */
import { parseAircallCalls } from './aircall';
import type { CallImportOptions, CallImportResult, CallSystem } from './call-types';
import { parseFive9CallLog } from './five9';
import { parseGenericCalls } from './generic-calls';
import { parseTalkdeskContacts } from './talkdesk';
import { parseZendeskTalkCalls } from './zendesk-talk';

export * from './call-types';
export { IMPORT_PROBLEM_CODES, type ImportError, type ImportProblem, type ImportProblemCode } from './result';
export { decodeText } from './text';
export { parseCsv, type CsvRow } from './csv';
export { parseZendeskTalkCalls } from './zendesk-talk';
export { parseFive9CallLog } from './five9';
export { parseTalkdeskContacts } from './talkdesk';
export { parseAircallCalls } from './aircall';
export { parseGenericCalls } from './generic-calls';
export { parseSalesforceOpportunities, parseSalesforceLeads, isSalesforceFooter, type SalesforceLeadOptions, type LeadImportResult } from './salesforce';
export { parseHubSpotDeals, type HubSpotDealOptions } from './hubspot-deals';
export type { OpportunityImportOptions, OpportunityImportResult } from './crm-opportunities';
export { mapLossReason, type LossReasonMap } from './loss-reason';
export { DATE_FORMATS, type DateFormat, type DecimalSeparator } from './values';

const CALL_PARSERS: Record<CallSystem, (input: string | Uint8Array, options: CallImportOptions) => CallImportResult> = {
  'zendesk-talk': parseZendeskTalkCalls,
  five9: parseFive9CallLog,
  talkdesk: parseTalkdeskContacts,
  aircall: parseAircallCalls,
  generic: parseGenericCalls,
};

/** Parses a call log of the given system's format (for `stint import calls --format …`). */
export function parseCallLog(format: CallSystem, input: string | Uint8Array, options: CallImportOptions): CallImportResult {
  return CALL_PARSERS[format](input, options);
}
export { detectImportSource } from './detect';
export { isCallSystem, IMPORT_SOURCES, CRM_SOURCES, type ImportSource, type CrmSource } from './sources';
