import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../i18n/i18n';
import { ApiError } from '../../stores/request';
import { weekRefusalText } from './WeekApproval';

describe('a locked week, in the reader’s language', () => {
  const locked = new ApiError('The week of 2026-03-02 is approved by boss@example.com and locked…', 'week-locked', {
    weekStart: '2026-03-02',
    decidedBy: 'boss@example.com',
  });
  it('names the week and who approved it, and says to ask for a reopening', () => {
    expect(weekRefusalText(locked, i18nFor('en'))).toBe(
      'The week of 2026-03-02 is approved by boss@example.com and locked: it can no longer be changed here. Ask your manager to reopen it if something must change.',
    );
    expect(weekRefusalText(locked, i18nFor('zh-CN'))).toBe(
      '2026-03-02 这一周已由 boss@example.com 批准并锁定，无法在此更改。如需更改，请让经理重新打开这一周。',
    );
  });
  it('leaves an uncoded refusal in the recorder’s words', () => {
    expect(weekRefusalText(new ApiError('No session or manual entry nope.'), i18nFor('zh-CN'))).toBe('No session or manual entry nope.');
  });
});
