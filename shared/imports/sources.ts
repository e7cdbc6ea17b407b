/** The sources a team import reads: call systems and CRM exports (no parser here, so browsers can name them). */
import { CALL_SYSTEMS, type CallSystem } from './call-types';

export type CrmSource = 'salesforce-opportunities' | 'salesforce-leads' | 'hubspot-deals';
export const CRM_SOURCES: readonly CrmSource[] = ['salesforce-opportunities', 'salesforce-leads', 'hubspot-deals'];
export type ImportSource = CallSystem | CrmSource;
export const IMPORT_SOURCES: readonly ImportSource[] = [...CALL_SYSTEMS, ...CRM_SOURCES];

export const isCallSystem = (source: ImportSource): source is CallSystem => (CALL_SYSTEMS as readonly string[]).includes(source);
