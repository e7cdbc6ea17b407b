import { describe, expect, it } from 'vitest';
import { phoneKey } from './phone-key';

describe('phoneKey', () => {
  it('keys one number the same however it is written', () => {
    for (const text of ['+44 7700 900123', '07700 900123', '0044 (7700) 900-123', 'tel:+447700900123', 'sip:+447700900123@pbx.example.com']) {
      expect(phoneKey(text)).toBe('700900123');
    }
    for (const text of ['(415) 555-0132', '+1 415-555-0132', '1.415.555.0132', '4155550132', '415-555-0132 x204', '+1 (415) 555-0132 ext. 12']) {
      expect(phoneKey(text)).toBe('155550132');
    }
  });

  it('keeps short numbers whole and tells different numbers apart', () => {
    expect(phoneKey('555-0132')).toBe('5550132');
    expect(phoneKey('+1 415 555 0133')).not.toBe(phoneKey('+1 415 555 0132'));
  });

  it('gives no key to what is not a phone number', () => {
    for (const text of ['', 'Jane Doe', 'Contact 5, Inc.', 'jane@acme.com', '12345', '1234567890123456', '[None]']) {
      expect(phoneKey(text)).toBeNull();
    }
  });
});
