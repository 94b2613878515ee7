export * from './score';
export * from './rules';
export * from './evaluate';
export { RELEVANCE_KEYS, RELEVANCE_SETTINGS } from './default-rules';
export { tokenize, stem, compilePhrase } from './tokens';
