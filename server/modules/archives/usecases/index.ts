/** The use cases of 保密档案, one concern per file. */
export * as archive from './archive.js';
export * as read from './read.js';
export * as loans from './loans.js';
export * as reviews from './reviews.js';
