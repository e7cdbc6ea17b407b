/**
 * The rep in imported call logs and CRM reports, and one call counted once.
 *
 * - **Own agent.** A log's agent (or a report's owner) is the rep when, ignoring case and runs of spaces,
 *   it equals their name, email or extension from the work settings, or names their email inside it
 *   ("Dana Reyes <dana@acme.test>"), or is their extension written with a prefix ("ext. 214"). Nobody is
 *   the rep until they fill one in.
 * - **Same call.** A call timed on this computer (by hand, or detected and confirmed) and an imported call
 *   of the rep are one call when they start within `SAME_CALL_TOLERANCE_MS` of each other or their spans
 *   overlap, unless both name a phone number and the numbers differ (phone-key.ts). Each call pairs at most
 *   once, with the closest start. The call timed here stands (it has the rep's after-call work and notes);
 *   the imported one is shown on its row and counted nowhere else.
 */
import { phoneKey } from '../sales/phone-key';

export interface AgentIdentity {
  agentName: string | null;
  agentEmail: string | null;
  agentExtension: string | null;
}

/** Clocks of a desktop and a dialer disagree by seconds, and a rep clicks "start" while it rings. */
export const SAME_CALL_TOLERANCE_MS = 2 * 60_000;

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function hasIdentity(id: AgentIdentity): boolean {
  return [id.agentName, id.agentEmail, id.agentExtension].some((v) => v !== null && v.trim() !== '');
}

export function isOwnAgent(agent: string | null | undefined, id: AgentIdentity): boolean {
  if (agent === null || agent === undefined) return false;
  const a = norm(agent);
  if (a === '') return false;
  const name = id.agentName ? norm(id.agentName) : '';
  const email = id.agentEmail ? norm(id.agentEmail) : '';
  const ext = id.agentExtension ? norm(id.agentExtension) : '';
  if (name !== '' && a === name) return true;
  if (email !== '' && (a === email || a.split(/[\s<>()[\],;]+/).includes(email))) return true;
  if (ext !== '') {
    if (a === ext) return true;
    const bare = a.replace(/^(?:ext\.?|extension|x)\s*/, '');
    if (bare === ext) return true;
  }
  return false;
}

export interface CallSpan {
  startMs: number;
  endMs: number;
  /** The number as written, or null when the call names none. */
  phone: string | null;
}

/** Imported calls that are a call timed here: imported index → local index (see the module comment). */
export function duplicateImports(local: readonly CallSpan[], imported: readonly CallSpan[]): Map<number, number> {
  const candidates: { i: number; l: number; gap: number }[] = [];
  const keys = (calls: readonly CallSpan[]) => calls.map((c) => (c.phone === null ? null : phoneKey(c.phone)));
  const localKeys = keys(local);
  const importedKeys = keys(imported);
  imported.forEach((imp, i) => {
    local.forEach((loc, l) => {
      const gap = Math.abs(imp.startMs - loc.startMs);
      const overlap = imp.startMs < loc.endMs && loc.startMs < imp.endMs;
      if (gap > SAME_CALL_TOLERANCE_MS && !overlap) return;
      const a = importedKeys[i];
      const b = localKeys[l];
      if (a !== null && a !== undefined && b !== null && b !== undefined && a !== b) return;
      candidates.push({ i, l, gap });
    });
  });
  candidates.sort((x, y) => x.gap - y.gap || x.i - y.i);
  const pairs = new Map<number, number>();
  const usedLocal = new Set<number>();
  for (const c of candidates) {
    if (pairs.has(c.i) || usedLocal.has(c.l)) continue;
    pairs.set(c.i, c.l);
    usedLocal.add(c.l);
  }
  return new Map([...pairs].sort(([a], [b]) => a - b));
}
