import { NONE_KEY, type TimeUseGrouping } from '../../../shared/api/results';
import { appDisplayName } from '../../../shared/apps/app-names';
import type { Translate } from '../../app/AppContext';
import { categoryLabel } from '../../i18n/category-names';

/**
 * A report key in the active language: the reserved NONE_KEY is no window (or, by site, not a website); an app
 * by the name people know it ("Google Chrome", not "Google-chrome"); a category with its built-in segments translated.
 */
export function appLabel(key: string, t: Translate, by: TimeUseGrouping = 'app'): string {
  if (key === NONE_KEY) return by === 'site' ? t('activity.notWebsite') : t('activity.noWindow');
  if (key === 'Uncategorized') return t('activity.uncategorized');
  if (by === 'app') return appDisplayName(key);
  if (by === 'category') return categoryLabel(key, t);
  return key;
}

/** A rating as the API sends it in rule lists (a string); anything unknown reads as neutral. */
export function asRating(value: string): 'productive' | 'neutral' | 'unproductive' {
  return value === 'productive' || value === 'unproductive' ? value : 'neutral';
}
