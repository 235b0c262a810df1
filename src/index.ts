export * from './errors/index.js';
export * from './naming/index.js';
export * from './config/index.js';
export * from './db/index.js';
