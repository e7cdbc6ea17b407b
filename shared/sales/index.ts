/** Sales KPIs (DESIGN.md §3 "Sales KPIs") over imported CRM records. */
export * from './types';
export * from './sales-kpis';
export * from './business-hours';
export * from './phone-key';
