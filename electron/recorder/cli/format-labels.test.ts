import { describe, expect, it } from 'vitest';
import { NONE_KEY } from '../../../shared/api/results';
import { rowKeyText, windowName } from './format-labels';

describe('the CLI words the reserved NONE_KEY', () => {
  it('as no window, or by site as not a website', () => {
    expect(rowKeyText(NONE_KEY, 'app')).toBe('(no window)');
    expect(rowKeyText(NONE_KEY, 'title')).toBe('(no window)');
    expect(rowKeyText(NONE_KEY, 'site')).toBe('(not a website)');
    expect(rowKeyText('Slack', 'app')).toBe('Slack');
    expect(windowName(NONE_KEY, '')).toBe('(no window)');
    expect(windowName('Slack', '#sales')).toBe('Slack — #sales');
  });
});
