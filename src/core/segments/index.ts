export * from './temperature';
export * from './size-band';
export * from './segment-filter';
export * from './segment-label';
