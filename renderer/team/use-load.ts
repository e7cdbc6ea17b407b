import { useCallback, useEffect, useState } from 'react';
import { TeamApiError } from './team-client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** The HTTP status of a refusal (403: not yours to see), else null. */
  status: number | null;
  reload(): void;
}

/** Loads data for a page when it opens (and on reload()); a refusal leaves no data on the page. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; status: number | null }>({ data: null, error: null, status: null });
  const [generation, setGeneration] = useState(0);
  // The caller lists what the load depends on.
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    run().then(
      (data) => live && setState({ data, error: null, status: null }),
      (e: unknown) => live && setState({ data: null, error: e instanceof Error ? e.message : String(e), status: e instanceof TeamApiError ? e.status : null }),
    );
    return () => {
      live = false;
    };
  }, [run, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
