/** The use cases of 信访, one concern per file. */
export * as read from './read.js';
export * as register from './register.js';
export * as steps from './steps.js';
export * as stats from './stats.js';
export * as overdue from './overdue.js';
