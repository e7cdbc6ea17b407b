import type { Translate } from '../app/AppContext';
import { en, type MessageKey } from './en';

/** A category path in the reader's language: each built-in segment ("Sales", "Entertainment") translated, brands and the rep's own names kept. */
export function categoryLabel(path: string, t: Translate): string {
  return path
    .split(' > ')
    .map((segment) => {
      const key = `category.${segment}`;
      return isMessageKey(key) ? t(key) : segment;
    })
    .join(t('category.separator'));
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
