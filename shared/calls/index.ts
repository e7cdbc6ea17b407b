/** Calls (DESIGN.md §3 "Calls"): the rep's call state machine, call metrics and window-based detection. */
export * from './types';
export * from './call-machine';
export * from './call-metrics';
export * from './call-detection';
export { nearestRank, nearestRankOfCounts } from './percentile';
export * from './call-refusal';
export { callRefusalText } from './call-refusal-text';
export * from './same-call';
