import { describe, expect, it } from 'vitest';
import { CODED_REFUSAL_CODES } from '../../shared/api/contract';
import { ApiError } from '../stores/request';
import { i18nFor } from './i18n';
import { refusalText, syncProblemText } from './refusal-text';
import { SYNC_ERROR_CODES } from '../../shared/sync/device-sync';

const en = i18nFor('en');
const zh = i18nFor('zh-CN');
// Every param any code may carry, so no placeholder is left unfilled.
const params = {
  category: 'Sales > CRM',
  field: 'title',
  pattern: '(a',
  detail: 'missing )',
  id: 'r1',
  near: 'Sales',
  rating: 'great',
  uuid: 'u1',
  newer: 'u2',
  hours: '30',
  action: 'stop',
  choice: 'break',
  server: 'https://stint.example.com',
  email: 'ana@example.com',
  why: 'not JSON',
  problem: 'used-code',
  weekStart: '2026-03-02',
  decidedBy: 'Maria',
};

describe('refusalText', () => {
  // The import refusal's rows are worded by ImportDrop from their own problem codes (importProblem.*).
  const worded = CODED_REFUSAL_CODES.filter((code) => code !== 'import-rejected');

  it('words every coded refusal in English and in Chinese, never as the recorder’s message', () => {
    for (const code of worded) {
      const error = new ApiError('RECORDER MESSAGE', code, params);
      const english = refusalText(error, en);
      const chinese = refusalText(error, zh);
      // Figures that differ quote the server's detail after words of their own.
      expect(english, code).not.toBe('RECORDER MESSAGE');
      expect(english, code).not.toMatch(/[{}]/);
      expect(chinese, code).not.toMatch(/[{}]/);
      expect(chinese, code).not.toBe(english);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('fills the params in the reader’s words: a built-in category, a rule field, a session action', () => {
    expect(refusalText(new ApiError('x', 'rating-unknown-category', { category: 'Sales > CRM', near: 'Sales' }), zh)).toBe(
      '没有任何规则把活动归入“销售 › CRM”，评级不会起作用。请先为该类别添加一条规则。你是指“销售”吗？',
    );
    expect(refusalText(new ApiError('x', 'rule-bad-pattern', { category: 'Fun', field: 'url', pattern: '(a', detail: 'missing )' }), en)).toBe(
      'The address pattern /(a/ cannot be used: missing ).',
    );
    const invalid = { category: 'Fun', field: 'title', pattern: 'kickoff (', kind: 'invalid', reason: 'Unterminated group', detail: 'x' };
    expect(refusalText(new ApiError('x', 'rule-bad-pattern', invalid), zh)).toBe('标题模式 /kickoff (/ 无法使用：它不是有效的正则表达式（有未闭合的“(”）。');
    expect(refusalText(new ApiError('x', 'rule-bad-pattern', invalid), en)).toBe(
      'The title pattern /kickoff (/ cannot be used: it is not a valid regular expression (Unterminated group).',
    );
    expect(refusalText(new ApiError('x', 'session-not-running', { action: 'stop' }), zh)).toBe('当前没有进行中的工作时段，无法下班打卡。请先上班打卡。');
  });

  it('words every sync problem in Chinese', () => {
    for (const code of SYNC_ERROR_CODES) {
      expect(syncProblemText(code, zh.t), code).toMatch(/[\u4e00-\u9fff]/);
      expect(syncProblemText(code, en.t), code).not.toBe(syncProblemText(code, zh.t));
    }
    expect(syncProblemText('from-a-newer-version', zh.t)).toBeNull();
  });

  it('falls back to the recorder’s message when there is no code', () => {
    expect(refusalText(new ApiError('The recorder is not running.'), zh)).toBe('The recorder is not running.');
  });
});
