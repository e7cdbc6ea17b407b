import { useState } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { refusalText } from '../../i18n/refusal-text';
import { asRating } from '../activity/row-labels';
import { RULE_FIELDS } from '../../../shared/categories/types';
import { categoryLabel } from '../../i18n/category-names';
import { ruleText } from './rule-text';

const FIELD_LABELS = { app: 'rules.app', title: 'rules.titlePattern', url: 'rules.url' } as const;

/** Every rule, yours first: what it matches, its category and rating; a filter for the long built-in list. */
export function RulesTable() {
  const { t } = useI18n();
  const store = useStores().rules;
  const rules = useStore(store, (s) => s.rules);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [showRegex, setShowRegex] = useState(false);
  const needle = filter.trim().toLowerCase();
  const shown = rules
    .filter(
      (r) => needle === '' || [r.category, categoryLabel(r.category, t), ruleText(r, t), r.app, r.title, r.url].some((v) => v?.toLowerCase().includes(needle)),
    )
    .sort((a, b) => (a.source === b.source ? 0 : a.source === 'user' ? -1 : 1));
  const mine = rules.filter((r) => r.source === 'user').length;

  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="muted small">{t('rules.explain', { mine, builtIn: rules.length - mine })}</p>
      <div className="filter-row">
        <label className="filter">
          <span className="sr-only">{t('rules.filter')}</span>
          <input type="search" value={filter} placeholder={t('rules.filter')} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={showRegex} onChange={(e) => setShowRegex(e.target.checked)} />
          {t('rules.showRegex')}
        </label>
      </div>
      <ErrorNote message={error} />
      <div className="table-scroll rules-scroll">
        <table className="table rules-table stack-narrow">
          <thead>
            <tr>
              <th>{t('rules.category')}</th>
              <th>{t('rules.matches')}</th>
              <th>{t('rules.rating')}</th>
              <th>{t('rules.source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} className={r.enabled ? undefined : 'is-disabled'}>
                <td className="cell-text">{categoryLabel(r.category, t)}</td>
                <td>
                  <span className="rule-words">{ruleText(r, t)}</span>
                  {showRegex ? (
                    <div className="patterns">
                      {RULE_FIELDS.map((field) =>
                        r[field] ? (
                          <span key={field} className="pattern">
                            <span className="muted">{t(FIELD_LABELS[field])}</span> <code>{r[field]}</code>
                          </span>
                        ) : null,
                      )}
                    </div>
                  ) : null}
                </td>
                <td>
                  <span className={`pill rate-${asRating(r.rating)}`}>{t(`rating.${asRating(r.rating)}`)}</span>
                </td>
                <td className="muted source">
                  {r.source === 'user' ? t('rules.yours') : t('rules.builtIn')}
                  {r.enabled ? '' : ` · ${t('rules.disabled')}`}
                </td>
                <td>
                  {r.enabled ? (
                    <button
                      type="button"
                      className="link danger"
                      onClick={() =>
                        void store
                          .getState()
                          .remove(r.id)
                          .then((refusal) => setError(refusal && refusalText(refusal, { t })))
                      }
                    >
                      {r.source === 'user' ? t('rules.remove') : t('rules.disable')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
