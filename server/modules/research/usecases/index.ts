/** The use cases of 调研, one concern per file. */
export * as read from './read.js';
export * as propose from './propose.js';
export * as decide from './decide.js';
export * as updateTopic from './update-topic.js';
export * as milestones from './milestones.js';
export * as conclude from './conclude.js';
export * as convert from './convert.js';
export * as workbench from './workbench.js';
export * as looseEnds from './loose-ends.js';
export * as counts from './counts.js';
export * as assessment from './assessment-counts.js';
export * as dossier from './dossier.js';
