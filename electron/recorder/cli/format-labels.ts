import { NONE_KEY, type TimeUseGrouping } from '../../../shared/api/results';

/** The CLI's words for the reserved key NONE_KEY: there was no window, or the window showed no website. */
export const NO_WINDOW = '(no window)';
export const NOT_A_WEBSITE = '(not a website)';

/** A time-use row key as the CLI prints it. */
export function rowKeyText(key: string, by: TimeUseGrouping): string {
  if (key !== NONE_KEY) return key;
  return by === 'site' ? NOT_A_WEBSITE : NO_WINDOW;
}

/** "Slack — #sales", "Slack", or "(no window)". */
export function windowName(app: string, title: string): string {
  if (app === NONE_KEY) return NO_WINDOW;
  return title === '' ? app : `${app} — ${title}`;
}
