/**
 * What Stint makes of each kind of ActivityWatch bucket, by its type:
 * - window: `currentwindow` events {app, title} become window activity;
 * - afk: `afkstatus` events with status "afk" become idle;
 * - web: `web.tab.current` events {url, title, …} are the browser's tabs, kept apart and used to put
 *   URLs and sites on the browser's window activity (never counted as time of their own);
 * - external: any other bucket (editors, input, custom watchers) is kept as named external activity.
 */
export type AwBucketKind = 'window' | 'afk' | 'web' | 'external';

export function bucketKind(type: string): AwBucketKind {
  if (type === 'currentwindow') return 'window';
  if (type === 'afkstatus') return 'afk';
  if (type === 'web.tab.current') return 'web';
  return 'external';
}

/** App names (WM_CLASS, process or bundle names) of browsers whose tabs the browser watcher reports. */
const BROWSER = /chrom(e|ium)|firefox|brave|msedge|microsoft[- ]edge|opera|vivaldi|safari|librewolf|waterfox|\barc\b|zen|floorp|yandex/i;

export function isBrowserApp(app: string): boolean {
  return BROWSER.test(app);
}

/** The site of a url: its host without a leading "www.", or null for what has none (about:blank, file:). */
export function siteOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  const host = match?.[1]?.toLowerCase() ?? '';
  return host === '' ? null : host.replace(/^www\./, '');
}

/** Stint's own recording, exported as ActivityWatch buckets, names them so; a bucket with this device id is this database's own. */
export const STINT_CLIENT = 'stint';
