/** The use cases of 考核督查, one file each (writes: transaction → load → authorize → write → audit). */
export * as close from './close.js';
export * as cockpit from './cockpit.js';
export * as createScheme from './create-scheme.js';
export * as looseEnds from './loose-ends.js';
export * as publish from './publish.js';
export * as readSchemes from './read-schemes.js';
export * as results from './results.js';
export * as scores from './scores.js';
export * as setIndicators from './set-indicators.js';
export * as workbench from './workbench.js';
export * as drillDown from './drill-down.js';
export * as exports from './export.js';
export * as recompute from './recompute.js';
