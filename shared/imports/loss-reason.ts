/**
 * Mapping a CRM's loss-reason values to Stint's three reasons. Every org words its picklist its own way,
 * so the user's mapping (exact value → reason, case and spacing ignored) comes first; values it does
 * not name fall back to the defaults below, and anything else non-empty is `other`.
 *
 * Defaults:
 * - competitor: the value mentions a competitor or competition ("Lost to Competitor", "Went with
 *   competitor", "Chose another vendor").
 * - noDecision: the buyer decided nothing ("No Decision", "No decision / Non-responsive", "Status quo",
 *   "Do nothing", "Went dark", "Unresponsive", "No response", "Stalled", "Project postponed",
 *   "Project cancelled", "Not a priority", "Timing").
 * - other: everything else ("Price", "Product fit", "Budget", "Duplicate", …).
 */
import type { LossReason } from '../sales/types';

export type LossReasonMap = Readonly<Record<string, LossReason>>;

const COMPETITOR = /\bcompetit|\bchose (?:another|a different|other) (?:vendor|provider|solution)|\bwent with (?:another|a different|other)\b/i;
const NO_DECISION =
  /\bno[ -]?decision\b|\bstatus quo\b|\bdo(?:ing)? nothing\b|\bdid nothing\b|\bwent dark\b|\bghosted\b|\bunresponsive\b|\bnon[- ]?responsive\b|\bno response\b|\bstalled\b|\bpostponed\b|\bcancel+ed\b|\bnot a priority\b|\btiming\b/i;

function key(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `undefined` for an empty value; otherwise the user's mapping, then the defaults, then `other`. */
export function mapLossReason(value: string, mapping: LossReasonMap = {}): LossReason | undefined {
  const v = key(value);
  if (v === '') return undefined;
  for (const [from, to] of Object.entries(mapping)) if (key(from) === v) return to;
  if (COMPETITOR.test(v)) return 'competitor';
  if (NO_DECISION.test(v)) return 'noDecision';
  return 'other';
}
