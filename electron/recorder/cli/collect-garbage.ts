import { setFlagsFromString } from 'node:v8';

/**
 * One full collection, for `stint track` once it has started: what loading and opening left behind (the code
 * cache read from disk, the bundle's start-up objects, the migrations' statements) is freed now rather than
 * when the old generation fills, which at a few KiB per sample takes hours. %CollectGarbage needs
 * --allow-natives-syntax only while its function is compiled; the flag is unset again at once, as V8's code
 * cache (bin/stint.cjs) carries a hash of the flags and a cache written under others is refused.
 */
export function collectGarbage(): void {
  setFlagsFromString('--allow-natives-syntax');
  let collect: () => void;
  try {
    collect = new Function('%CollectGarbage(null)') as () => void;
  } finally {
    setFlagsFromString('--no-allow-natives-syntax');
  }
  collect();
}
