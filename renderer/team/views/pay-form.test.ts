import { describe, expect, it } from 'vitest';
import { profileOf } from './PayView';

const form = {
  payType: 'hourly' as const,
  rate: '25.50',
  ot: '1.5',
  dt: '2',
  adp: ' 000101 ',
  gustoId: '',
  gustoEmail: '',
  qb: 'Archer, Ann',
  paychex: '',
};

describe('the pay data form', () => {
  it('becomes the shared pay profile: the rate in cents, empty ids null, ids trimmed', () => {
    expect(profileOf(form)).toEqual({
      profile: {
        payType: 'hourly',
        regularRateCents: 2550,
        overtimeMultiplier: 1.5,
        doubleTimeMultiplier: 2,
        adpFileNumber: '000101',
        gustoEmployeeId: null,
        gustoEmail: null,
        quickbooksName: 'Archer, Ann',
        paychexWorkerId: null,
      },
      wrong: [],
    });
    expect(profileOf({ ...form, rate: '' }).profile?.regularRateCents).toBeNull();
  });

  it('names every wrong field, and sends nothing', () => {
    const checked = profileOf({ ...form, rate: '25,5', ot: 'one and a half', dt: '0.5', adp: '1234567890', gustoEmail: 'ann@', paychex: 'W12345678901' });
    expect(checked.profile).toBeNull();
    expect([...checked.wrong].sort()).toEqual(['adp', 'dt', 'gustoEmail', 'ot', 'paychex', 'rate']);
    expect(profileOf({ ...form, ot: '1.23456' }).wrong).toEqual(['ot']);
  });
});
