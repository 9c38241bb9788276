/** The daily digest: content, schedule, delivery, and what the composition root wires. */
export * from './build.js';
export * from './schedule.js';
export * from './poster.js';
export * from './access.js';
export * from './service.js';
