import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import { AddRuleForm } from './AddRuleForm';
import { AppearanceSettings } from './AppearanceSettings';
import { IdlePolicySettings } from './IdlePolicySettings';
import { RatingsEditor } from './RatingsEditor';
import { RecordingSettings } from './RecordingSettings';
import { RulesTable } from './RulesTable';
import { TeamServerSettings } from './TeamServerSettings';
import { TestWindowForm } from './TestWindowForm';
import { WorkTimeSettings } from './WorkTimeSettings';
import { IdentitySettings } from './IdentitySettings';

/** Language and theme; what the recorder is configured with; worked-time settings and the team server; categories, ratings and rules. */
export function SettingsView() {
  const { t } = useI18n();
  const store = useStores().rules;
  const rules = useStore(store, (s) => s.rules);
  const ratings = useStore(store, (s) => s.ratings);
  const error = useStore(store, (s) => s.error);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const categories = [...new Set([...rules.map((r) => r.category), ...ratings.map((r) => r.category)])].sort((a, b) => a.localeCompare(b));

  return (
    <div className="view view-settings">
      <ViewHeader title={t('settings.title')} />
      <div className="columns">
        <AppearanceSettings />
        <RecordingSettings />
      </div>
      <div className="columns">
        <WorkTimeSettings />
        <IdlePolicySettings />
      </div>
      <div className="columns">
        <IdentitySettings />
        <TeamServerSettings />
      </div>
      <ErrorNote message={error} />
      <div className="columns">
        <section className="card">
          <AddRuleForm categories={categories} />
        </section>
        <section className="card">
          <TestWindowForm />
        </section>
      </div>
      <RatingsEditor categories={categories} />
      <RulesTable />
    </div>
  );
}
