export * from './enums.js';
export * from './money.js';
export * from './limits.js';
export * from './lifecycle.js';
