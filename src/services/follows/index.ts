/** Follows and alerts: matching, alert content, delivery, and what the composition root wires. */
export * from './plan.js';
export * from './alert.js';
export * from './poster.js';
export * from './service.js';
