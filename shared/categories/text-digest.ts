/**
 * A 64-bit digest of a text as 16 hex digits: two FNV-style 32-bit hashes with different seeds and primes.
 * Not cryptographic: it names a set of rules in a cache key, where a change must give another name.
 */
export function textDigest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
