/** How long a one-time sign-in code works: its own module, so `stint open`'s help text does not load node:crypto. */
export const SIGN_IN_CODE_TTL_MS = 2 * 60_000;
