export * from './stages';
export * from './history';
export * from './rules';
export * from './move';
export * from './metrics';
