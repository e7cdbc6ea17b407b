import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { RATINGS, type Rating } from '../../../shared/categories/types';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { categoryLabel } from '../../i18n/category-names';
import { refusalText } from '../../i18n/refusal-text';

/** Ratings per category (subcategories inherit), editable in place, and a form to rate any category. */
export function RatingsEditor({ categories }: { categories: readonly string[] }) {
  const { t } = useI18n();
  const store = useStores().rules;
  const ratings = useStore(store, (s) => s.ratings);
  const [category, setCategory] = useState('');
  const [rating, setRating] = useState<Rating>('productive');
  const [error, setError] = useState<string | null>(null);

  // Every category and its parents (subcategories inherit a rating), offered by the name the reader knows them by.
  const known = [...new Set(categories.flatMap((c) => c.split(' > ').map((_, i, parts) => parts.slice(0, i + 1).join(' > '))))];
  const rate = async (c: string, r: Rating) => {
    const refusal = await store.getState().rate(c, r);
    setError(refusal && refusalText(refusal, { t }));
    return refusal;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = category.trim();
    if (typed === '') return setError(t('rules.needCategory'));
    // A built-in category typed or picked in the reader's language ("娱乐") is rated under its stored name.
    if ((await rate(known.find((c) => categoryLabel(c, t) === typed) ?? typed, rating)) === null) setCategory('');
  };

  return (
    <section className="card" aria-labelledby="ratings-title">
      <h2 id="ratings-title">{t('rules.ratingsTitle')}</h2>
      <p className="muted small">{t('rules.ratingsExplain')}</p>
      <form className="form form-inline" onSubmit={(e) => void submit(e)}>
        <label>
          {t('rules.category')}
          <input
            type="text"
            list="known-categories"
            value={category}
            placeholder={categoryLabel('Sales > CRM', t)}
            onChange={(e) => setCategory(e.target.value)}
          />
        </label>
        <datalist id="known-categories">
          {known.map((c) => (
            <option key={c} value={categoryLabel(c, t)} />
          ))}
        </datalist>
        <label className="shrink">
          {t('rules.rating')}
          <select value={rating} onChange={(e) => setRating(e.target.value as Rating)}>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {t(`rating.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('rules.rate')}
        </button>
      </form>
      <ErrorNote message={error} />
      <ul className="ratings-list">
        {ratings
          .map((r) => ({ ...r, label: categoryLabel(r.category, t) }))
          .sort((a, b) => a.label.localeCompare(b.label))
          .map((r) => (
            <li key={r.category}>
              <span className="cell-text" title={r.label === r.category ? undefined : r.category}>
                {r.label}
              </span>
              <select
                aria-label={t('rules.ratingOf', { category: r.label })}
                className={`pill-select rate-${r.rating}`}
                value={r.rating}
                onChange={(e) => void rate(r.category, e.target.value as Rating)}
              >
                {RATINGS.map((x) => (
                  <option key={x} value={x}>
                    {t(`rating.${x}`)}
                  </option>
                ))}
              </select>
            </li>
          ))}
      </ul>
    </section>
  );
}
