import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { categoryLabel } from '../../i18n/category-names';
import { ruleText } from './rule-text';

/** Which category and rating a window would get under the current rules. */
export function TestWindowForm() {
  const { t } = useI18n();
  const store = useStores().rules;
  const result = useStore(store, (s) => s.testResult);
  const error = useStore(store, (s) => s.testError);
  const rules = useStore(store, (s) => s.rules);
  const winner = result?.ruleId ? rules.find((r) => r.id === result.ruleId) : undefined;
  const [app, setApp] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void store.getState().test({ app, title, ...(url.trim() ? { url: url.trim() } : {}) });
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="test-title">
      <h2 id="test-title">{t('rules.testTitle')}</h2>
      <div className="form-row">
        <label>
          {t('rules.app')}
          <input type="text" value={app} placeholder="Google-chrome" onChange={(e) => setApp(e.target.value)} />
        </label>
        <label>
          {t('rules.windowTitle')}
          <input type="text" value={title} placeholder="Pipeline - Salesforce" onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('rules.url')}
          <input type="text" value={url} placeholder="https://example.lightning.force.com/" onChange={(e) => setUrl(e.target.value)} />
        </label>
      </div>
      <div className="button-row">
        <button type="submit">{t('rules.test')}</button>
      </div>
      <ErrorNote message={error} />
      {result ? (
        <p className="test-result" role="status">
          {t('rules.testResult', { category: categoryLabel(result.category, t) })}{' '}
          <span className={`pill rate-${result.rating}`}>{t(`rating.${result.rating}`)}</span>{' '}
          <span className="muted small">{winner ? t('rules.byRule', { rule: ruleText(winner, t) }) : t('rules.noRule')}</span>
        </p>
      ) : null}
    </form>
  );
}
