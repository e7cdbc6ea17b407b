import type { Translate } from '../app/AppContext';
import type { ApiError } from '../stores/request';
import { categoryLabel } from './category-names';
import type { MessageKey } from './en';
import { SYNC_ERROR_CODES, type SyncErrorCode } from '../../shared/sync/device-sync';

/** What refusalText needs of an error: the recorder's English message, and its code and params when it gave them. */
type Refusal = Pick<ApiError, 'message' | 'code' | 'params'>;

/**
 * A refusal from the recorder in the reader's words: a coded one (a rule, a rating, manual time, a session
 * action, a locked week) from its code and params; one without a code, or with a code worded elsewhere (an
 * import's rows, a call action), as the recorder's message.
 */
export function refusalText(error: Refusal, { t }: { t: Translate }): string {
  const p = error.params;
  const category = categoryLabel(p['category'] ?? '', t);
  switch (error.code) {
    case 'week-locked':
      return t('approval.locked', { week: p['weekStart'] ?? '', by: p['decidedBy'] || '—' });
    case 'records-not-synced':
      return t('approval.notSynced', { week: p['weekStart'] ?? '' });
    case 'not-enrolled':
      return t('approval.notEnrolled');
    case 'week-figures-differ':
      return t('approval.differ', { detail: error.message });
    case 'rule-bad-pattern': {
      const field = p['field'] === 'app' || p['field'] === 'title' || p['field'] === 'url' ? t(`rules.field.${p['field']}`) : (p['field'] ?? '');
      const why = patternWhy(p['kind'], p['construct'] ?? '', p['reason'] ?? '', t);
      return t('refusal.rule-bad-pattern', { field, pattern: p['pattern'] ?? '', detail: why ?? p['detail'] ?? '' });
    }
    case 'rating-unknown-category':
      return t('refusal.rating-unknown-category', { category }) + (p['near'] ? t('refusal.didYouMean', { near: categoryLabel(p['near'], t) }) : '');
    case 'rating-bad-rating': {
      const rating = p['rating'] ?? '';
      return t('refusal.rating-bad-rating', { rating });
    }
    case 'idle-already-answered': {
      const choice = p['choice'];
      const answer = choice === 'work' || choice === 'break' || choice === 'call' || choice === 'discard' ? t(`idle.${choice}`) : '';
      return answer ? t('refusal.idle-already-answered', { choice: answer }) : t('refusal.idle-answered');
    }
    case 'session-not-running':
      return t('refusal.session-not-running', { action: t(actionKey(p['action'])) });
    case 'rule-bad-category':
    case 'rule-no-pattern':
    case 'rule-id-taken':
    case 'rule-not-found':
    case 'rule-not-disabled':
    case 'rating-bad-category':
    case 'time-need-reason':
    case 'time-need-both-ends':
    case 'time-end-before-start':
    case 'time-too-long':
    case 'time-name-entry':
    case 'time-not-found':
    case 'time-still-running':
    case 'time-is-removal':
    case 'time-already-replaced':
    case 'sync-problem': {
      const words = syncProblemText(p['problem'] ?? '', t);
      if (words === null) return error.message;
      const said = words + (p['detail'] ? t('refusal.serverSaid', { detail: p['detail'] }) : '');
      return p['weekStart'] ? t('refusal.weekNotSubmitted', { week: p['weekStart'], why: said }) : said;
    }
    case 'sync-bad-address':
    case 'sync-already-enrolled':
    case 'sync-file-unreadable':
    case 'settings-set-by-team':
    case 'idle-not-found':
    case 'idle-still-idle':
    case 'session-already-running':
    case 'session-not-on-break':
    case 'session-already-on-break':
    case 'session-on-break':
    case 'call-review-not-found':
    case 'call-review-not-detected':
    case 'call-review-no-target':
    case 'call-review-self':
    case 'call-review-target-not-found':
    case 'call-review-done':
      return t(`refusal.${error.code}`, { ...p, category });
    default:
      return error.message;
  }
}

/** A sync problem (the device's sync, or the server's answer to enrolling) in the reader's words; null for a code this version does not know. */
export function syncProblemText(code: string, t: Translate): string | null {
  return (SYNC_ERROR_CODES as readonly string[]).includes(code) ? t(`syncProblem.${code as SyncErrorCode}`) : null;
}

/** Why a pattern cannot be used, from its kind; null for a kind this version does not know (the English detail shows). */
function patternWhy(kind: string | undefined, construct: string, reason: string, t: Translate): string | null {
  if (kind === 'empty') return t('refusal.pattern.empty');
  if (kind === 'invalid') return t('refusal.pattern.invalid', { reason: regexReason(reason, t) });
  if (kind === 'unsupported') return t('refusal.pattern.unsupported', { construct });
  if (kind === 'not-linear') return t('refusal.pattern.notLinear');
  return null;
}

/** The JavaScript engine's reasons a rep is likely to meet, worded in the reader's language; any other stays as the engine wrote it. */
const REGEX_REASONS: Record<string, MessageKey> = {
  'Unterminated group': 'refusal.regex.unterminatedGroup',
  "Unmatched ')'": 'refusal.regex.unmatchedParen',
  'Nothing to repeat': 'refusal.regex.nothingToRepeat',
  'Unterminated character class': 'refusal.regex.unterminatedClass',
  '\\ at end of pattern': 'refusal.regex.trailingBackslash',
  'numbers out of order in {} quantifier': 'refusal.regex.quantifierOrder',
};

function regexReason(reason: string, t: Translate): string {
  const key = REGEX_REASONS[reason];
  return key ? t(key) : reason;
}

function actionKey(action: string | undefined): MessageKey {
  if (action === 'stop' || action === 'break' || action === 'resume') return `refusal.action.${action}`;
  return 'refusal.action.start';
}
