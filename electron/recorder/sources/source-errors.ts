/**
 * The display the sources read from is gone (the X server exited or the connection broke). Not "no window":
 * the source cannot say what is on screen, and retries the display by itself.
 */
export class DisplayLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisplayLostError';
  }
}
