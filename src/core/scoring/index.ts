export * from './icp-types';
export * from './icp-weights';
export * from './icp-score';
export { isDecisionRole } from './access';
export { POPULATION_THRESHOLD } from './fit';
export { orgKind, type OrgKind } from './org-kind';
