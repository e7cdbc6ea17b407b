import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { refusalText } from '../../i18n/refusal-text';
import { categoryLabel } from '../../i18n/category-names';
import { ruleText } from './rule-text';

/** A new rule: a category and at least one pattern (regular expressions over app, title and url). */
export function AddRuleForm({ categories }: { categories: readonly string[] }) {
  const { t } = useI18n();
  const store = useStores().rules;
  const [category, setCategory] = useState('');
  const [app, setApp] = useState('');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const lastAdded = useStore(store, (s) => s.lastAdded);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (category.trim() === '') return setError(t('rules.needCategory'));
    if (!app.trim() && !title.trim() && !url.trim()) return setError(t('rules.needPattern'));
    const problem = await store.getState().add({
      category: category.trim(),
      ...(app.trim() ? { app: app.trim() } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(url.trim() ? { url: url.trim() } : {}),
    });
    setError(problem && refusalText(problem, { t }));
    if (problem === null) {
      setApp('');
      setTitle('');
      setUrl('');
      setSaved(true);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="add-rule-title">
      <h2 id="add-rule-title">{t('rules.addTitle')}</h2>
      <p className="muted small">{t('rules.addExplain')}</p>
      <label>
        {t('rules.category')}
        <input type="text" list="rule-categories" value={category} placeholder="Sales > CRM > Pipedrive" onChange={(e) => setCategory(e.target.value)} />
        <datalist id="rule-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <div className="form-row">
        <label>
          {t('rules.app')}
          <input type="text" value={app} placeholder="^pipedrive$" onChange={(e) => setApp(e.target.value)} />
        </label>
        <label>
          {t('rules.titlePattern')}
          <input type="text" value={title} placeholder="Pipedrive" onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('rules.url')}
          <input type="text" value={url} placeholder="pipedrive\.com" onChange={(e) => setUrl(e.target.value)} />
        </label>
      </div>
      <div className="button-row">
        <button type="submit" className="primary">
          {t('rules.add')}
        </button>
        {saved && lastAdded && lastAdded.shadowedBy.length === 0 ? (
          <span className="ok-note" role="status">
            {t('rules.added')}
          </span>
        ) : null}
      </div>
      {saved && lastAdded && lastAdded.shadowedBy.length > 0 ? (
        <div className="warn-note" role="status">
          {lastAdded.shadowedBy.map((shadow) => (
            <p key={shadow.id}>
              {t('rules.shadowed', {
                rule: ruleText(lastAdded, t),
                windows: shadow.windows,
                example: shadow.example.title || shadow.example.app,
                category: categoryLabel(shadow.category, t),
                other: ruleText(shadow, t),
              })}
            </p>
          ))}
        </div>
      ) : null}
      <ErrorNote message={error} />
    </form>
  );
}
