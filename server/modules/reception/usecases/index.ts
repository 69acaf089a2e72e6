/** The use cases of 政务接待, one concern per file. */
export * as read from './read.js';
export * as save from './save.js';
export * as steps from './steps.js';
export * as items from './items.js';
export * as exports from './export.js';
export * as looseEnds from './loose-ends.js';
export * as dossiers from './dossier.js';
