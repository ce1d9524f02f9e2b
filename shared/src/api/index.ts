export * from './common.js';
export * from './health.js';
export * from './plugins.js';
export * from './execute.js';
export * from './history.js';
export * from './models.js';
export * from './cache.js';
export * from './training.js';
