/** Time since the last keyboard or mouse input, from the OS. Electron's powerMonitor implements it too. */
export interface IdleSource {
  idleMs(): Promise<number>;
  close(): Promise<void>;
}
