import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { RATINGS, type Rating } from '../../../shared/categories/types';
import { useI18n, useStores } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';

/** Ratings per category (subcategories inherit), editable in place, and a form to rate any category. */
export function RatingsEditor({ categories }: { categories: readonly string[] }) {
  const { t } = useI18n();
  const store = useStores().rules;
  const ratings = useStore(store, (s) => s.ratings);
  const [category, setCategory] = useState('');
  const [rating, setRating] = useState<Rating>('productive');
  const [error, setError] = useState<string | null>(null);

  const rate = async (c: string, r: Rating) => setError(await store.getState().rate(c, r));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (category.trim() === '') return setError(t('rules.needCategory'));
    const problem = await store.getState().rate(category.trim(), rating);
    setError(problem);
    if (problem === null) setCategory('');
  };

  return (
    <section className="card" aria-labelledby="ratings-title">
      <h2 id="ratings-title">{t('rules.ratingsTitle')}</h2>
      <p className="muted small">{t('rules.ratingsExplain')}</p>
      <form className="form form-inline" onSubmit={(e) => void submit(e)}>
        <label>
          {t('rules.category')}
          <input type="text" list="known-categories" value={category} placeholder="Sales > CRM" onChange={(e) => setCategory(e.target.value)} />
        </label>
        <datalist id="known-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
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
        {[...ratings]
          .sort((a, b) => a.category.localeCompare(b.category))
          .map((r) => (
            <li key={r.category}>
              <span className="cell-text">{r.category}</span>
              <select
                aria-label={t('rules.ratingOf', { category: r.category })}
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
