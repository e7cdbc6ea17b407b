import { describe, expect, it } from 'vitest';
import type { Lead, Opportunity } from '../sales/types';
import type { OpportunityImportResult } from './crm-opportunities';
import { utf16, utf8 } from './fixtures/encode';
import {
  HUBSPOT_DEAL_ROWS,
  SALESFORCE_LEADS_EN_US,
  SALESFORCE_OPPORTUNITIES_DE,
  SALESFORCE_OPPORTUNITIES_EN_US,
  hubspotCsv,
  hubspotTsv,
} from './fixtures/crm-reports';
import { parseHubSpotDeals } from './hubspot-deals';
import { isSalesforceFooter, parseSalesforceLeads, parseSalesforceOpportunities, type LeadImportResult } from './salesforce';

function opps(result: OpportunityImportResult): Opportunity[] {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.opportunities;
}
function leads(result: LeadImportResult): Lead[] {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.leads;
}
function errors(result: OpportunityImportResult | LeadImportResult) {
  if (result.ok) throw new Error('expected the import to fail');
  // The English messages (the coded problems for the views are tested in import-problems.test.ts).
  return result.errors.map(({ line, message }) => ({ line, message }));
}

describe('Salesforce opportunity report', () => {
  const EN_US = { dateFormat: 'MM/dd/yyyy', lossReasonColumn: 'Primary Loss Reason' } as const;

  it('reads an en_US export, skipping the footer, with a custom loss-reason column', () => {
    expect(opps(parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_EN_US, EN_US))).toEqual([
      {
        externalId: '0065g00000AbCdEAAV',
        name: 'Acme - 500 seats',
        account: 'Acme Corp',
        stage: 'Closed Won',
        status: 'won',
        amount: 125000,
        currency: 'USD',
        createdDate: '2026-01-15',
        closeDate: '2026-03-02',
        owner: 'Jane Doe',
        sqlDate: '2026-01-20',
      },
      {
        externalId: '0065g00000AbCdFAAV',
        name: 'Globex renewal',
        account: 'Globex',
        stage: 'Closed Lost',
        status: 'lost',
        amount: 40000,
        currency: 'USD',
        createdDate: '2026-01-20',
        closeDate: '2026-02-27',
        lossReason: 'competitor',
        owner: 'Jane Doe',
        sqlDate: '2026-01-25',
      },
      {
        externalId: '0065g00000AbCdGAAV',
        name: 'Initech pilot',
        account: 'Initech',
        stage: 'Negotiation/Review',
        status: 'open',
        amount: 18500,
        currency: 'USD',
        createdDate: '2026-02-03',
        closeDate: '2026-03-31',
        owner: 'Bob Roe',
        sqlDate: '2026-02-10',
      },
      {
        externalId: '0065g00000AbCdHAAV',
        name: 'Umbrella expansion',
        account: 'Umbrella',
        stage: 'Closed Lost',
        status: 'lost',
        createdDate: '2026-02-05',
        closeDate: '2026-03-01',
        lossReason: 'other',
        owner: 'Bob Roe',
      },
      {
        externalId: '0065g00000AbCdIAAV',
        name: 'Hooli, Inc. - platform',
        account: 'Hooli',
        stage: 'Closed Lost',
        status: 'lost',
        amount: 9900.5,
        currency: 'EUR',
        createdDate: '2026-02-10',
        closeDate: '2026-03-05',
        lossReason: 'noDecision',
        owner: 'Jane Doe',
      },
    ]);
  });

  it('the loss-reason mapping option overrides the defaults', () => {
    const got = opps(
      parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_EN_US, { ...EN_US, lossReasonMap: { budget: 'noDecision', 'Lost to Competitor': 'other' } }),
    );
    expect(got.filter((o) => o.status === 'lost').map((o) => o.lossReason)).toEqual(['other', 'noDecision', 'noDecision']);
  });

  it('reads a German-locale export: dd.MM.yyyy, decimal comma, Won/Closed checkboxes, © footer with totals', () => {
    const got = opps(
      parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_DE, {
        dateFormat: 'dd.MM.yyyy',
        decimalSeparator: ',',
        lossReasonMap: { Wettbewerber: 'competitor' },
      }),
    );
    expect(got.map((o) => [o.name, o.status, o.amount, o.createdDate, o.closeDate, o.lossReason ?? null])).toEqual([
      ['Müller – Rollout', 'won', 125000, '2026-01-15', '2026-03-02', null],
      ['Beispiel – Pilot', 'lost', 1234.5, '2026-01-20', '2026-02-27', 'competitor'],
      ['Kunde – Lizenzen', 'open', 8000, '2026-02-03', '2026-03-31', null],
    ]);
  });

  it('reads an en_GB export (dd/MM/yyyy) and custom stage names', () => {
    const text = [
      '"Opportunity ID","Opportunity Name","Stage","Created Date","Close Date"',
      '"006A","Alpha","Signed","14/01/2026","28/02/2026"',
      '"006B","Beta","Dead","03/02/2026","13/03/2026"',
      '"006C","Gamma","Closed Won","03/02/2026","13/03/2026"',
    ].join('\r\n');
    const got = opps(parseSalesforceOpportunities(text, { dateFormat: 'dd/MM/yyyy', wonStages: ['signed'], lostStages: ['DEAD'] }));
    expect(got.map((o) => [o.externalId, o.status, o.createdDate, o.closeDate])).toEqual([
      ['006A', 'won', '2026-01-14', '2026-02-28'],
      ['006B', 'lost', '2026-02-03', '2026-03-13'],
      ['006C', 'open', '2026-02-03', '2026-03-13'], // "Closed Won" is not among this org's won stages
    ]);
  });

  it('all or nothing: read with the wrong date order, impossible dates fail the import and the footer is no error', () => {
    // As dd/MM/yyyy: line 2 has 1/15 and 1/20 (month 15, 20); line 3 has 1/20, 2/27, 1/25; line 4 has 3/31.
    // Lines 6 and 7 read as (wrong but possible) dates, and are not imported either.
    const errs = errors(parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_EN_US, { ...EN_US, dateFormat: 'dd/MM/yyyy' }));
    expect(errs.map((e) => e.line)).toEqual([2, 2, 3, 3, 3, 4]);
    expect(errs[0]).toEqual({ line: 2, message: 'Created Date "1/15/2026" is not a real date when read as dd/MM/yyyy.' });
  });

  it('reports a missing id column, duplicates, a closed deal without close date, and a missing named column', () => {
    const noId = SALESFORCE_OPPORTUNITIES_EN_US.replace('"Opportunity ID",', '"Opportunity Code",');
    expect(errors(parseSalesforceOpportunities(noId, EN_US))).toEqual([
      {
        line: 1,
        message: 'The Salesforce opportunity report has no column for the opportunity id: expected one named "Opportunity ID", "Opportunity ID (18)", "Id".',
      },
    ]);
    const text = [
      '"Opportunity ID","Opportunity Name","Stage","Created Date","Close Date"',
      '"006A","Alpha","Closed Won","1/14/2026",""',
      '"006A","Alpha again","Prospecting","1/14/2026",""',
      '"006C","","Prospecting","",""',
    ].join('\n');
    expect(errors(parseSalesforceOpportunities(text, { dateFormat: 'MM/dd/yyyy' }))).toEqual([
      { line: 2, message: 'A won opportunity needs a Close Date, and this one has none.' },
      { line: 3, message: 'Opportunity ID "006A" already appears on line 2; each row must be a different record.' },
      { line: 4, message: 'Opportunity Name is empty.' },
      { line: 4, message: 'Created Date is empty: every opportunity needs its creation date.' },
    ]);
    expect(errors(parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_EN_US, { dateFormat: 'MM/dd/yyyy', lossReasonColumn: 'Why We Lost' }))).toEqual([
      { line: 1, message: 'The Salesforce opportunity report has no "Why We Lost" column; add it to the export and try again.' },
    ]);
  });

  it('refuses a mapping to an unknown reason', () => {
    expect(() => parseSalesforceOpportunities(SALESFORCE_OPPORTUNITIES_EN_US, { ...EN_US, lossReasonMap: { Price: 'too expensive' as 'other' } })).toThrow(
      /expected competitor, noDecision or other/,
    );
  });

  it('recognizes footer rows only as footers', () => {
    const row = (...fields: string[]) => ({ line: 1, fields });
    expect(isSalesforceFooter(row('Grand Totals (1,234 records)'))).toBe(true);
    expect(isSalesforceFooter(row('Grand Totals (1 record)', '', '40,000.00'))).toBe(true);
    expect(isSalesforceFooter(row('Copyright © 2000-2026 salesforce.com, inc. All rights reserved.'))).toBe(true);
    expect(isSalesforceFooter(row('Confidential Information - Do Not Distribute', 'x'))).toBe(false);
    expect(isSalesforceFooter(row('Grand Totals Inc.', 'Acme'))).toBe(false);
  });
});

describe('Salesforce lead report', () => {
  it('reads created and first-touch times in the user zone', () => {
    expect(leads(parseSalesforceLeads(SALESFORCE_LEADS_EN_US, { dateFormat: 'MM/dd/yyyy', zone: 'America/Chicago' }))).toEqual([
      {
        externalId: '00Q5g00000XyZ1AEAV',
        createdMs: Date.parse('2026-03-02T15:00:00Z'),
        firstTouchMs: Date.parse('2026-03-02T15:03:00Z'),
        status: 'Working - Contacted',
        owner: 'Jane Doe',
        phones: ['(312) 555-0140'],
      },
      {
        externalId: '00Q5g00000XyZ2AEAV',
        createdMs: Date.parse('2026-03-02T22:50:00Z'),
        firstTouchMs: Date.parse('2026-03-03T15:10:00Z'),
        status: 'Closed - Converted',
        convertedDate: '2026-03-10',
        owner: 'Jane Doe',
        phones: ['+1 312 555 0199 x12', '312.555.0177'],
      },
      { externalId: '00Q5g00000XyZ3AEAV', createdMs: Date.parse('2026-03-03T17:15:00Z'), status: 'Open - Not Contacted', owner: 'Bob Roe' },
    ]);
  });

  it('a named first-touch column must exist; a date without time is refused for Created Date', () => {
    expect(errors(parseSalesforceLeads(SALESFORCE_LEADS_EN_US, { dateFormat: 'MM/dd/yyyy', zone: 'UTC', firstTouchColumn: 'First Call' }))).toEqual([
      { line: 1, message: 'The Salesforce lead report has no "First Call" column; add it to the export and try again.' },
    ]);
    const dateOnly = SALESFORCE_LEADS_EN_US.replace('"3/3/2026 11:15 AM"', '"3/3/2026"');
    expect(errors(parseSalesforceLeads(dateOnly, { dateFormat: 'MM/dd/yyyy', zone: 'UTC' }))).toEqual([
      { line: 4, message: 'Created Date "3/3/2026" has no time of day, which is needed here: export a date/time column (like 03/14/2026 9:05 AM).' },
    ]);
  });
});

describe('HubSpot deals export', () => {
  const expected: Opportunity[] = [
    {
      externalId: '15550001',
      name: 'Acme - Enterprise',
      account: 'Acme Corp',
      stage: 'Closed Won',
      status: 'won',
      amount: 48000,
      currency: 'USD',
      createdDate: '2026-01-10',
      closeDate: '2026-03-05',
      owner: 'Jane Doe',
    },
    {
      externalId: '15550002',
      name: 'Globex - Starter',
      account: 'Globex',
      stage: 'Closed Lost',
      status: 'lost',
      amount: 12000,
      currency: 'USD',
      createdDate: '2026-01-15',
      closeDate: '2026-02-20',
      lossReason: 'competitor',
      owner: 'Bob Roe',
    },
    {
      externalId: '15550003',
      name: 'Initech, Pro plan',
      account: 'Initech',
      stage: 'Contract Sent',
      status: 'open',
      amount: 30000.5,
      currency: 'USD',
      createdDate: '2026-02-01',
      closeDate: '2026-04-30',
      owner: 'Jane Doe',
    },
  ];

  it.each([
    ['UTF-16 LE with BOM, tab-separated', () => utf16(hubspotTsv(), 'le')],
    ['UTF-16 BE with BOM, tab-separated', () => utf16(hubspotTsv(), 'be')],
    ['UTF-8 with BOM, comma-separated', () => utf8(hubspotCsv(), true)],
    ['UTF-8 without BOM, comma-separated', () => utf8(hubspotCsv())],
  ])('%s', (_, bytes) => {
    expect(opps(parseHubSpotDeals(bytes()))).toEqual(expected);
  });

  it('uses the "Is Closed Won"/"Is closed lost" flags when exported, and internal stage ids', () => {
    const rows = [
      ['Record ID', 'Deal Name', 'Deal Stage', 'Create Date', 'Close Date', 'Is Closed Won', 'Is closed lost'],
      ['1', 'A', 'contractsigned', '2026-01-01', '2026-02-01', 'true', 'false'],
      ['2', 'B', 'closedlost', '2026-01-01', '2026-02-01', 'false', 'true'],
      ['3', 'C', 'appointmentscheduled', '2026-01-01', '2026-02-01', 'false', 'false'],
    ];
    const got = opps(parseHubSpotDeals(utf8(rows.map((r) => r.join(',')).join('\n'))));
    expect(got.map((o) => o.status)).toEqual(['won', 'lost', 'open']);
    const byStage = opps(parseHubSpotDeals(utf8('Record ID,Deal Name,Deal Stage,Create Date,Close Date\n1,A,closedwon,2026-01-01,2026-02-01\n')));
    expect(byStage[0]!.status).toBe('won');
  });

  it('reports bad rows with their lines, in a UTF-16 file too', () => {
    const rows = HUBSPOT_DEAL_ROWS.map((r) => [...r]);
    rows[2]![4] = 'twelve thousand';
    rows[3]![6] = '01/02/2026';
    const tsv = rows.map((r) => r.join('\t')).join('\r\n');
    expect(errors(parseHubSpotDeals(utf16(tsv, 'le')))).toEqual([
      { line: 3, message: 'Amount "twelve thousand" is not an amount: expected a number like 12,000.50 (decimal separator ".").' },
      {
        line: 4,
        message: 'Create Date "01/02/2026" is not a date: expected a date as yyyy-MM-dd (like 2026-03-14), optionally with a time like 9:05 AM or 14:05.',
      },
    ]);
  });
});
