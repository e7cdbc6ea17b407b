import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkSettings } from '../../../shared/timesheet/work-settings';
import { useI18n, useStores } from '../../app/AppContext';
import { refusalText } from '../../i18n/refusal-text';

/** The work settings as stored, and a save that says whether it worked: what every settings card that edits them needs. */
export function useWorkSettings(): {
  settings: WorkSettings | null;
  save: (change: Partial<WorkSettings>) => Promise<void>;
  error: string | null;
  setError: (message: string | null) => void;
  saved: boolean;
} {
  const { t } = useI18n();
  const store = useStores().workSettings;
  const settings = useStore(store, (s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  const save = async (change: Partial<WorkSettings>) => {
    setSaved(false);
    const problem = await store.getState().save(change);
    setError(problem && refusalText(problem, { t }));
    setSaved(problem === null);
  };
  return { settings, save, error, setError, saved };
}
