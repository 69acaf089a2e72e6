/** The use cases of the 信息 module, one file each. */
export * as convert from './convert.js';
export * as detail from './detail.js';
export * as edit from './edit.js';
export * as events from './events.js';
export * as instruct from './instruct.js';
export * as lists from './lists.js';
export * as merge from './merge.js';
export * as myInstructions from './my-instructions.js';
export * as settings from './settings.js';
export * as statistics from './statistics.js';
export * as steps from './steps.js';
export * as submit from './submit.js';
export * as workbench from './workbench.js';
