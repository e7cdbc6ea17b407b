/** System power and session events: Electron's powerMonitor in the app; a test double in tests. */
export type PowerEvent = 'suspend' | 'resume' | 'lock' | 'unlock' | 'shutdown';

export interface PowerEvents {
  /** Calls listener on each event; returns the unsubscribe. */
  subscribe(listener: (event: PowerEvent) => void): () => void;
}
