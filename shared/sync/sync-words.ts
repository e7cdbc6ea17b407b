/**
 * What a sync problem means and what to do about it, in English, for the CLI and the API's refusals. The
 * codes come from the device's sync (shared/sync/device-sync.ts); the server's own message is the detail.
 */
import type { SyncErrorCode } from './device-sync';

const WORDS: Record<SyncErrorCode, string> = {
  unreachable: 'The team server does not answer. Records wait on this device and go when it is back; check the address and your network if this lasts.',
  'server-error': 'The team server failed on the request. Records wait on this device and are sent again; tell your admin if this lasts.',
  'rate-limited': 'The team server asked this device to slow down. Records are sent again shortly.',
  'device-revoked':
    'The team server no longer accepts this device (it was revoked, or your account was removed). Records stay on this device: run `stint sync leave`, then enroll again with a new code from your manager.',
  'server-too-old': 'The team server runs an older Stint than this device. Ask your admin to update the server; records wait on this device meanwhile.',
  'not-a-stint-server': 'What answers at this address is not a Stint team server (or one this device does not understand). Check the address with your admin.',
  'unknown-code': 'This enrollment code is not known to the server. Check it for typos, or ask your manager for a new one.',
  'used-code': 'This enrollment code was already used. Ask your manager for a new one.',
  'expired-code': 'This enrollment code has expired. Ask your manager for a new one.',
  'sequence-gap': "The server and this device disagree on which records it holds; the device resends from the server's point.",
  'concurrent-push': 'Two pushes from this device crossed; the device sends again.',
  'server-behind':
    'The team server holds fewer of this device’s records than it had acknowledged (was it restored from a backup?). Tell your admin; records still on this device wait.',
  refused: 'The team server refused the request.',
  'device-storage': 'This device could not read or write its own database to send records; it tries again. Check free disk space if this lasts.',
  'token-sealed':
    "This device was enrolled from the Stint desktop app, which keeps its token encrypted with your system's keyring; the command line cannot open it. Start the Stint app (it syncs, and `stint sync now` then goes through it), or run `stint sync leave` and enroll again with `stint sync enroll` to sync from the command line alone.",
};

export function syncProblemWords(code: string, detail?: string): string {
  const words = (WORDS as Record<string, string>)[code] ?? 'Sync failed.';
  return detail ? `${words} (server said: ${detail})` : words;
}

/** "3 min 20 s ahead of" / "behind": how far this device's clock is from the server's. */
export function clockSkewWords(skewMs: number): string {
  const s = Math.round(Math.abs(skewMs) / 1000);
  const amount = s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  // skew = server − device: a positive skew means the device is behind.
  return `This computer's clock is ${amount} ${skewMs > 0 ? 'behind' : 'ahead of'} the team server's. Records keep this computer's times; set the clock right (turn on automatic time) so days and weeks add up.`;
}
