/** Enrichment rules (issue 6): Apollo and Hunter as data, merge rules, credits, bulk runs. */
export * from './merge';
export * from './eligibility';
export * from './email-status';
export * from './credits';
export * from './apollo';
export * from './hunter';
export * from './retry';
export * from './failures';
export * from './bulk-run';
export * from './qualification';
export * from './settings';
