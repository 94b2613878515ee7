export * from './odsql';
export * from './request';
export * from './watch-query';
export * from './listing';
export * from './retry';
export * from './failures';
