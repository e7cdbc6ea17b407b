import { describe, expect, it } from 'vitest';
import { categoryAncestors, categoryDepth, categorySegments, normalizeCategory, truncateCategory } from './category-path';

describe('category paths', () => {
  it('splits and normalizes segments', () => {
    expect(categorySegments('Sales>CRM >  Salesforce')).toEqual(['Sales', 'CRM', 'Salesforce']);
    expect(normalizeCategory(' Sales>CRM >  Salesforce ')).toBe('Sales > CRM > Salesforce');
    expect(normalizeCategory('Sales')).toBe('Sales');
  });

  it('rejects empty paths and empty segments', () => {
    expect(normalizeCategory('')).toBeNull();
    expect(normalizeCategory('  ')).toBeNull();
    expect(normalizeCategory('Sales >  > CRM')).toBeNull();
    expect(normalizeCategory('> Sales')).toBeNull();
    expect(normalizeCategory('Sales >')).toBeNull();
  });

  it('counts depth', () => {
    expect(categoryDepth('Sales')).toBe(1);
    expect(categoryDepth('Sales > CRM > Salesforce')).toBe(3);
  });

  it('lists the path and its ancestors, root first', () => {
    expect(categoryAncestors('Sales > CRM > Salesforce')).toEqual(['Sales', 'Sales > CRM', 'Sales > CRM > Salesforce']);
    expect(categoryAncestors('Uncategorized')).toEqual(['Uncategorized']);
  });

  it('truncates to a depth', () => {
    expect(truncateCategory('Sales > CRM > Salesforce', 1)).toBe('Sales');
    expect(truncateCategory('Sales > CRM > Salesforce', 2)).toBe('Sales > CRM');
    expect(truncateCategory('Sales > CRM', 5)).toBe('Sales > CRM');
    expect(() => truncateCategory('Sales', 0)).toThrow(RangeError);
    expect(() => truncateCategory('Sales', 1.5)).toThrow(RangeError);
  });
});
