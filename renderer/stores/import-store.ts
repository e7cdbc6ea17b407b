import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiTransport, ResponseMap } from '../../shared/api/contract';
import type { CallSystem } from '../../shared/imports/call-types';
import { z } from 'zod';
import { IMPORT_PROBLEM_CODES } from '../../shared/imports/result';
import { ApiError, call, messageOf } from './request';

const rejectedRows = z.array(
  z.object({
    line: z.number().int(),
    message: z.string(),
    problem: z.object({ code: z.enum(IMPORT_PROBLEM_CODES), params: z.record(z.string(), z.string()) }).optional(),
  }),
);

/** A file refused as a whole, with its problems as the views word them (the English message when a problem has no code). */
export interface ImportRefusal {
  file: string;
  count: number;
  rows: z.infer<typeof rejectedRows>;
}

/** The refusal of a call log or CRM report, read from the recorder's answer; null for any other error. */
export function importRefusalOf(error: unknown): ImportRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'import-rejected') return null;
  const { file, count, problems } = error.params;
  let rows: unknown;
  try {
    rows = JSON.parse(problems ?? '');
  } catch {
    return null;
  }
  const parsed = rejectedRows.safeParse(rows);
  return parsed.success && file !== undefined && count !== undefined ? { file, count: Number(count), rows: parsed.data } : null;
}

/** What a dropped file is: a call log of a dialer, or a CRM report. */
export type ImportKind = { kind: 'calls'; format: CallSystem } | { kind: 'crm'; source: 'salesforce-opportunities' | 'salesforce-leads' | 'hubspot-deals' };
export type ImportCounts = { kind: 'calls'; result: ResponseMap['import.calls'] } | { kind: 'crm'; result: ResponseMap['import.crm'] };

export interface ImportState {
  /** The file read, waiting for the rep to confirm the preview. */
  pending: { name: string; base64: string; as: ImportKind } | null;
  preview: ImportCounts | null;
  done: ImportCounts | null;
  busy: boolean;
  error: string | null;
  /** The file was refused: its problems, for the view to word in its language (error holds the English text). */
  refusal: ImportRefusal | null;
  /** Reads the file and asks the recorder what importing it would add or update; nothing is written. */
  choose(file: { name: string; base64: string }, as: ImportKind): Promise<void>;
  /** Imports the previewed file. */
  confirm(): Promise<void>;
  cancel(): void;
}

export type ImportStore = StoreApi<ImportState>;

export function createImportStore(transport: ApiTransport): ImportStore {
  const send = async (file: { name: string; base64: string }, as: ImportKind, preview: boolean): Promise<ImportCounts> =>
    as.kind === 'calls'
      ? { kind: 'calls', result: await call(transport, 'import.calls', { file, format: as.format, preview }) }
      : { kind: 'crm', result: await call(transport, 'import.crm', { source: as.source, file, preview }) };
  return createStore<ImportState>()((set, get) => ({
    pending: null,
    preview: null,
    done: null,
    busy: false,
    error: null,
    refusal: null,
    async choose(file, as) {
      set({ pending: { ...file, as }, preview: null, done: null, busy: true, error: null, refusal: null });
      try {
        const preview = await send(file, as, true);
        if (get().pending?.base64 === file.base64) set({ preview, busy: false });
      } catch (error) {
        set({ pending: null, busy: false, error: messageOf(error), refusal: importRefusalOf(error) });
      }
    },
    async confirm() {
      const pending = get().pending;
      if (!pending) return;
      set({ busy: true, error: null, refusal: null });
      try {
        const done = await send({ name: pending.name, base64: pending.base64 }, pending.as, false);
        set({ pending: null, preview: null, done, busy: false });
      } catch (error) {
        set({ busy: false, error: messageOf(error), refusal: importRefusalOf(error) });
      }
    },
    cancel: () => set({ pending: null, preview: null, error: null, refusal: null, busy: false }),
  }));
}
