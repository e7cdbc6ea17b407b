import { describe, expect, it } from 'vitest';
import { mergeRatings, ratingResolver, resolveRating } from './ratings';

describe('ratings', () => {
  const ratings = [
    { category: 'Sales', rating: 'productive' },
    { category: 'Sales > CRM > HubSpot', rating: 'unproductive' },
    { category: 'Social', rating: 'unproductive' },
    { category: 'Social > LinkedIn', rating: 'neutral' },
  ] as const;

  it('inherits from the nearest rated ancestor', () => {
    const rate = ratingResolver(ratings);
    expect(rate('Sales')).toBe('productive');
    expect(rate('Sales > CRM')).toBe('productive');
    expect(rate('Sales > CRM > Salesforce')).toBe('productive');
    expect(rate('Sales > CRM > HubSpot')).toBe('unproductive');
    expect(rate('Sales > CRM > HubSpot > Reports')).toBe('unproductive');
    expect(rate('Social > LinkedIn > Feed')).toBe('neutral');
    expect(rate('Social > Reddit')).toBe('unproductive');
  });

  it('is neutral when nothing on the path is rated', () => {
    expect(resolveRating('Documents > Google Docs', ratings)).toBe('neutral');
    expect(resolveRating('Uncategorized', ratings)).toBe('neutral');
    expect(resolveRating('Sales', [])).toBe('neutral');
  });

  it('does not treat a name prefix as an ancestor', () => {
    expect(resolveRating('Salesforce', ratings)).toBe('neutral');
  });

  it('merges layers, later layers winning per category', () => {
    const team = [{ category: 'Social > LinkedIn', rating: 'productive' }] as const;
    const rep = [{ category: 'Sales>CRM>HubSpot', rating: 'productive' }] as const;
    const merged = mergeRatings(ratings, team, rep);
    expect(merged).toEqual([
      { category: 'Sales', rating: 'productive' },
      { category: 'Sales > CRM > HubSpot', rating: 'productive' },
      { category: 'Social', rating: 'unproductive' },
      { category: 'Social > LinkedIn', rating: 'productive' },
    ]);
  });
});
