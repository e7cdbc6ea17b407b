/**
 * A value built the first time it is asked for, then kept. For zod schemas at module level: a command that
 * loads a module for one function does not pay for building schemas it never parses with (each costs start-up time).
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => (built ??= { value: build() }).value;
}
