import { useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

/**
 * useStore with an equality test: while `equal(previous, next)` holds the previous value is returned, so
 * the component does not re-render (e.g. live rows rounded to minutes re-render once a minute, not once a
 * second).
 */
export function useStoreWith<S, T>(store: StoreApi<S>, selector: (state: S) => T, equal: (a: T, b: T) => boolean): T {
  const last = useRef<{ value: T } | null>(null);
  return useStore(store, (state) => {
    const next = selector(state);
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  });
}
