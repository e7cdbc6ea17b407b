/** A list of listeners: emit() calls each; subscribe() returns the unsubscribe. */
export interface Emitter<T> {
  emit(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
  readonly size: number;
}

export function createEmitter<T>(onListenerError: (error: unknown) => void = () => undefined): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          // One broken listener must not keep the event from the others.
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      // A wrapper per subscription, so subscribing the same function twice gives two independent unsubscribes.
      const own = (value: T) => listener(value);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    get size() {
      return listeners.size;
    },
  };
}
