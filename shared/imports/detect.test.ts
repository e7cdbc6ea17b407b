import { describe, expect, it } from 'vitest';
import { detectImportSource } from './detect';
import { AIRCALL_CALLS, FIVE9_CALL_LOG, GENERIC_CALLS, TALKDESK_CONTACTS, ZENDESK_TALK_EXPORT } from './fixtures/call-logs';
import { HUBSPOT_DEAL_ROWS, SALESFORCE_LEADS_EN_US, SALESFORCE_OPPORTUNITIES_DE, SALESFORCE_OPPORTUNITIES_EN_US } from './fixtures/crm-reports';
import { utf16 } from './fixtures/encode';

describe('detectImportSource', () => {
  it('names each export by its header row', () => {
    expect(detectImportSource(FIVE9_CALL_LOG)).toBe('five9');
    expect(detectImportSource(ZENDESK_TALK_EXPORT)).toBe('zendesk-talk');
    expect(detectImportSource(TALKDESK_CONTACTS)).toBe('talkdesk');
    expect(detectImportSource(AIRCALL_CALLS)).toBe('aircall');
    expect(detectImportSource(GENERIC_CALLS)).toBe('generic');
    expect(detectImportSource(SALESFORCE_OPPORTUNITIES_EN_US)).toBe('salesforce-opportunities');
    expect(detectImportSource(SALESFORCE_OPPORTUNITIES_DE)).toBe('salesforce-opportunities');
    expect(detectImportSource(SALESFORCE_LEADS_EN_US)).toBe('salesforce-leads');
    expect(detectImportSource(utf16(HUBSPOT_DEAL_ROWS.map((r) => r.join('\t')).join('\r\n'), 'le'))).toBe('hubspot-deals');
  });

  it('knows nothing of other files', () => {
    expect(detectImportSource('name,amount\nx,1\n')).toBeNull();
    expect(detectImportSource('')).toBeNull();
    expect(detectImportSource(new Uint8Array([0xff, 0xfe, 0x00]))).toBeNull();
  });
});
