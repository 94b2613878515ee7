export * from './universe';
export * from './filters';
export * from './import-plan';
export * from './report';
