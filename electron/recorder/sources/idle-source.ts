/** Time since the last keyboard or mouse input, from the OS. Electron's powerMonitor implements it too. */
export interface IdleSource {
  /** Rejects when idle time cannot be read (a DisplayLostError when the display is gone), never guesses 0. */
  idleMs(): Promise<number>;
  close(): Promise<void>;
}
