/** The response-latency model (pure): see model.ts for what counts as an attempt or a response. */
export * from './types';
export * from './calendar';
export * from './auto-reply';
export * from './thresholds';
export * from './model';
export * from './rollup';
