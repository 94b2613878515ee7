export * from './tender-alerts';
export * from './alert-message';
