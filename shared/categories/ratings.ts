import { categoryAncestors, normalizeCategory } from './category-path';
import type { CategoryRating, Rating } from './types';

/**
 * A function giving the effective rating of a category: its own rating, else its nearest rated
 * ancestor's ("Sales > CRM > Salesforce" inherits "Sales > CRM", then "Sales"), else neutral.
 * Paths are compared in normalized form. Results are cached per path.
 */
export function ratingResolver(ratings: readonly CategoryRating[]): (category: string) => Rating {
  const own = new Map<string, Rating>();
  for (const { category, rating } of ratings) own.set(normalizeCategory(category) ?? category, rating);
  const cache = new Map<string, Rating>();
  return (category) => {
    let rating = cache.get(category);
    if (rating === undefined) {
      rating = 'neutral';
      const chain = categoryAncestors(category);
      for (let i = chain.length - 1; i >= 0; i -= 1) {
        const found = own.get(chain[i]!);
        if (found !== undefined) {
          rating = found;
          break;
        }
      }
      cache.set(category, rating);
    }
    return rating;
  };
}

/** The effective rating of one category (see `ratingResolver`). */
export function resolveRating(category: string, ratings: readonly CategoryRating[]): Rating {
  return ratingResolver(ratings)(category);
}

/**
 * Layered ratings, later layers winning per category: `mergeRatings(defaults, team, rep)` gives a
 * team's ratings over the defaults with one rep's overrides on top. Order: first appearance.
 */
export function mergeRatings(...layers: readonly (readonly CategoryRating[])[]): CategoryRating[] {
  const merged = new Map<string, Rating>();
  for (const layer of layers) {
    for (const { category, rating } of layer) merged.set(normalizeCategory(category) ?? category, rating);
  }
  return [...merged].map(([category, rating]) => ({ category, rating }));
}
