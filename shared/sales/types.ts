/** CRM records the sales KPIs read (DESIGN.md §3 "Sales KPIs"), as the CRM importers produce them. */
import type { IsoDate } from '../timesheet/types';

export type LossReason = 'competitor' | 'noDecision' | 'other';
export const LOSS_REASONS: readonly LossReason[] = ['competitor', 'noDecision', 'other'];

export type OpportunityStatus = 'open' | 'won' | 'lost';

export interface Opportunity {
  externalId: string;
  name: string;
  account?: string;
  /** The stage as the CRM names it ("Negotiation/Review", "Closed Won"). */
  stage: string;
  status: OpportunityStatus;
  amount?: number;
  /** ISO 4217 code when the export gives one. */
  currency?: string;
  /** Local date the opportunity was created, as the CRM shows it. */
  createdDate: IsoDate;
  /** Close date: when it closed for won/lost, the expected close for an open one. */
  closeDate?: IsoDate;
  /** Mapped loss reason; only on lost opportunities whose reason the export gives. */
  lossReason?: LossReason;
  owner?: string;
  /** When it became a sales-qualified lead/opportunity, where the CRM records it. */
  sqlDate?: IsoDate;
}

export interface Lead {
  externalId: string;
  createdMs: number;
  /** First human touch (call, email, meeting by a person), when known: the CRM's, or the first matched call. */
  firstTouchMs?: number;
  /** The lead status as the CRM names it ("Working - Contacted", "Closed - Converted"). */
  status: string;
  convertedDate?: IsoDate;
  owner?: string;
  /** Phone numbers as the CRM shows them; calls to or from them count as touches (see phone-key.ts). */
  phones?: string[];
}
