import type { Translate } from '../../app/AppContext';

/** Report keys the recorder writes in English for "no such thing", shown in the active language. */
export function appLabel(key: string, t: Translate): string {
  if (key === '(no window)') return t('activity.noWindow');
  if (key === '(not a website)') return t('activity.notWebsite');
  if (key === 'Uncategorized') return t('activity.uncategorized');
  return key;
}

/** A rating as the API sends it in rule lists (a string); anything unknown reads as neutral. */
export function asRating(value: string): 'productive' | 'neutral' | 'unproductive' {
  return value === 'productive' || value === 'unproductive' ? value : 'neutral';
}
