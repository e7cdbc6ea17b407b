/** What a `changed` event tells the views to reload. Its own module: the recorder reads change notices without the API's schemas. */
export const CHANGED_WHATS = ['sessions', 'rules', 'time', 'idle', 'calls', 'crm', 'settings', 'sync'] as const;
export type ChangedWhat = (typeof CHANGED_WHATS)[number];
