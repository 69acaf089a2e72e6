/** The business modules of this deployment, each listed once. */
import type { ZhongshuModule } from '../platform/module.js';

export const MODULES: readonly ZhongshuModule[] = [];
