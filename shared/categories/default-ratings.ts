import type { CategoryRating } from './types';

/**
 * Default ratings for the default rules' categories. Subcategories inherit: "Sales > CRM >
 * Salesforce" is productive through "Sales". LinkedIn is neutral social (its Sales Navigator is
 * under Sales, so productive); music is neutral background. Anything unrated, including
 * "Uncategorized", is neutral.
 */
export const DEFAULT_RATINGS: readonly CategoryRating[] = Object.freeze([
  { category: 'Sales', rating: 'productive' },
  { category: 'Support', rating: 'productive' },
  { category: 'Communication', rating: 'productive' },
  { category: 'Documents', rating: 'productive' },
  { category: 'Social', rating: 'unproductive' },
  { category: 'Social > LinkedIn', rating: 'neutral' },
  { category: 'Entertainment', rating: 'unproductive' },
  { category: 'Entertainment > Music', rating: 'neutral' },
  { category: 'News', rating: 'unproductive' },
]);
